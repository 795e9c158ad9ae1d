-- Form submissions are now recognised by the user who sent the form and its id, for alerts,
-- actions and inspections alike (src/identity/submissionKey.ts). Alerts and actions were keyed by
-- the authority ("PT-ACT:<form id>"): rebuild those keys from the user stored on each record, so
-- a form submitted before and sent again afterwards (a card clicked once more) still finds its
-- record. Inspections were already keyed by user. A user id is all digits, an authority id never
-- is, so keys already in the new shape are left alone. OR IGNORE: should one user have submitted
-- the same form for two authorities (a local-mode switch), both records keep their old keys
-- rather than the migration failing; neither can then be matched again, which only risks a second
-- copy of a form that already produced two.
UPDATE OR IGNORE alerts
   SET idempotency_key = reporting_user_id || substr(idempotency_key, instr(idempotency_key, ':'))
 WHERE reporting_user_id IS NOT NULL
   AND instr(idempotency_key, ':') > 1
   AND substr(idempotency_key, 1, instr(idempotency_key, ':') - 1) GLOB '*[^0-9]*';

UPDATE OR IGNORE actions
   SET idempotency_key = created_by_user_id || substr(idempotency_key, instr(idempotency_key, ':'))
 WHERE created_by_user_id IS NOT NULL
   AND instr(idempotency_key, ':') > 1
   AND substr(idempotency_key, 1, instr(idempotency_key, ':') - 1) GLOB '*[^0-9]*';
