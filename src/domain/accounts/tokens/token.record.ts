import { ApiToken } from '../../../model/api-token.entity';
import { table } from '../../../model/tables';
import type { RecordOf } from '../../../platform/db/entity-table';

import type { Scope } from './scopes';

/** A credential as admins see it: never its secret (src/model/api-token.entity.ts). */
export type TokenSummary = Omit<RecordOf<ApiToken>, 'scopes'> & { scopes: Scope[] };

/** The api_tokens table for hand-written SQL, aliased `t`. */
export const API_TOKENS = table(ApiToken, 't');
