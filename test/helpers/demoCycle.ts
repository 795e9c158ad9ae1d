import type { Db } from '../../src/store/database';

/**
 * Removes the demo data's illustrative preparation of next year (src/demo/illustrative-cycle.json):
 * its proposals and the endorsements its illustrative participants gave. Tests of proposals and
 * endorsement number their own proposals from P<year>-01 and count endorsements from none.
 */
export function forgetDemoCycle(db: Db): void {
  db.exec(`
    DELETE FROM proposal_comments; DELETE FROM proposal_priorities; DELETE FROM proposal_closures;
    DELETE FROM proposal_supports; DELETE FROM proposal_joins; DELETE FROM proposals;
    DELETE FROM plan_endorsements WHERE endorsed_by_user_id IN (SELECT id FROM users WHERE aad_object_id LIKE 'illustrative:%');
  `);
}
