import type { ConstraintErrors } from '../../../platform/db/database-errors';
import { InvalidInputError } from '../../../platform/errors';

/** What a violation of an sso_settings constraint means (the names are the migrations'). */
export const SSO_SETTINGS_CONSTRAINTS: ConstraintErrors = {
  sso_settings_issuer_audience_unique: () =>
    new InvalidInputError(
      'Another Evercate tenant already accepts tokens from this issuer for this audience, so a token could not ' +
        'tell the two apart. Register a separate application for this tenant and use its audience.',
      ['audience'],
    ),
};
