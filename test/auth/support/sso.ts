import type { GraphQLClient } from '../../support/graphql';
import type { TestIdentityProvider } from './identity-provider';

export const SSO_SETTINGS_UPDATE = `mutation($input: SsoSettingsUpdateInput!) {
  ssoSettingsUpdate(input: $input) {
    ssoSettings { issuer audience jwksUri userMatching createdAt updatedAt }
    userErrors { code field message }
  }
}`;

/** Sets a tenant's single sign-on settings with its admin token; fails the test on userErrors. */
export async function configureSso(
  admin: GraphQLClient,
  provider: TestIdentityProvider,
  userMatching?: 'OID_TO_EXTERNAL_ID' | 'PREFERRED_USERNAME_TO_USER_NAME',
): Promise<void> {
  const data = await admin.query(SSO_SETTINGS_UPDATE, { input: provider.settings(userMatching) });
  if (data.ssoSettingsUpdate.userErrors.length > 0) throw new Error(JSON.stringify(data.ssoSettingsUpdate.userErrors));
}
