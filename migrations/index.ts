import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126000000_directory_core } from './Migration20261126000000_directory_core';
import { Migration20261126010000_provisioning_events } from './Migration20261126010000_provisioning_events';
import { Migration20261126020000_org_chart_search_feed } from './Migration20261126020000_org_chart_search_feed';
import { Migration20261126030000_sso_and_rate_limits } from './Migration20261126030000_sso_and_rate_limits';
import { Migration20261126040000_deleted_objects_retention } from './Migration20261126040000_deleted_objects_retention';
import { Migration20261126050000_search_columns } from './Migration20261126050000_search_columns';
import { Migration20261126060000_reporting_lines_order } from './Migration20261126060000_reporting_lines_order';
import { Migration20261126070000_leakproof_lookups } from './Migration20261126070000_leakproof_lookups';
import { Migration20261126080000_ranked_search } from './Migration20261126080000_ranked_search';
import { Migration20261126090000_tiered_search } from './Migration20261126090000_tiered_search';
import { Migration20261126100000_trigger_plans } from './Migration20261126100000_trigger_plans';
import { Migration20261201000000_entities_of_record } from './Migration20261201000000_entities_of_record';
import { Migration20261202000000_sequenced_on_read } from './Migration20261202000000_sequenced_on_read';
import { Migration20261202010000_tenant_mapping } from './Migration20261202010000_tenant_mapping';
import { Migration20261202020000_oauth_clients } from './Migration20261202020000_oauth_clients';
import { Migration20261202030000_webhooks } from './Migration20261202030000_webhooks';
import { Migration20261202040000_entra_connect } from './Migration20261202040000_entra_connect';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list runs from TypeScript
 * under jest and from compiled JavaScript in dist/.
 */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126000000_directory_core', class: Migration20261126000000_directory_core },
  { name: 'Migration20261126010000_provisioning_events', class: Migration20261126010000_provisioning_events },
  { name: 'Migration20261126020000_org_chart_search_feed', class: Migration20261126020000_org_chart_search_feed },
  { name: 'Migration20261126030000_sso_and_rate_limits', class: Migration20261126030000_sso_and_rate_limits },
  {
    name: 'Migration20261126040000_deleted_objects_retention',
    class: Migration20261126040000_deleted_objects_retention,
  },
  { name: 'Migration20261126050000_search_columns', class: Migration20261126050000_search_columns },
  { name: 'Migration20261126060000_reporting_lines_order', class: Migration20261126060000_reporting_lines_order },
  { name: 'Migration20261126070000_leakproof_lookups', class: Migration20261126070000_leakproof_lookups },
  { name: 'Migration20261126080000_ranked_search', class: Migration20261126080000_ranked_search },
  { name: 'Migration20261126090000_tiered_search', class: Migration20261126090000_tiered_search },
  { name: 'Migration20261126100000_trigger_plans', class: Migration20261126100000_trigger_plans },
  { name: 'Migration20261201000000_entities_of_record', class: Migration20261201000000_entities_of_record },
  { name: 'Migration20261202000000_sequenced_on_read', class: Migration20261202000000_sequenced_on_read },
  { name: 'Migration20261202010000_tenant_mapping', class: Migration20261202010000_tenant_mapping },
  { name: 'Migration20261202020000_oauth_clients', class: Migration20261202020000_oauth_clients },
  { name: 'Migration20261202030000_webhooks', class: Migration20261202030000_webhooks },
  { name: 'Migration20261202040000_entra_connect', class: Migration20261202040000_entra_connect },
];
