import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';

export const OAUTH_FAILURE_SUBJECTS = ['client', 'source', 'client_source'] as const;
export type OAuthFailureSubject = (typeof OAUTH_FAILURE_SUBJECTS)[number];

/**
 * Failed token endpoint attempts in one one-minute window, per client id as presented (whether or
 * not it exists: counting only real ones would tell which exist), per source address, and per
 * pair of the two; shared by every instance. Not tenant-owned: the tenant is unknown until a
 * client authenticates. Unlogged with a fill factor of 70, like graphql_rate_limits.
 */
@Entity({ tableName: 'oauth_failure_windows' })
export class OAuthFailureWindow {
  @Enum({ items: [...OAUTH_FAILURE_SUBJECTS], primary: true })
  kind!: OAuthFailureSubject;

  @PrimaryKey({ type: 'text' })
  subject!: string;

  @PrimaryKey({ type: 'datetime', columnType: 'timestamptz' })
  windowStart!: Date;

  @Property({ type: 'integer' })
  count!: number;
}
