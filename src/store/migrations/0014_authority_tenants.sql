-- The Microsoft 365 tenants an authority's people sign in from (src/reference/participants.json,
-- "tenantIds"). Where an authority lists tenants, a person is mapped to it only when their own
-- (home) tenant is one of them, whatever their e-mail domain says: in a shared channel people of
-- several tenants meet, and an address alone is what a guest account or a look-alike can claim.
CREATE TABLE IF NOT EXISTS authority_tenants (
  tenant_id TEXT NOT NULL,
  authority_id TEXT NOT NULL REFERENCES authorities(id),
  PRIMARY KEY (tenant_id, authority_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS authority_tenants_by_authority ON authority_tenants (authority_id);
