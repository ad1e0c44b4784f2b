import { ScimError, type ScimType } from '../../../scim-facade/errors';

/** Runs `action` and returns the ScimError it throws, failing the test when it throws anything else. */
export function scimErrorFrom(action: () => unknown): ScimError {
  try {
    action();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError, but nothing was thrown');
}

export function expectScimError(action: () => unknown, scimType: ScimType, detail?: RegExp): ScimError {
  const error = scimErrorFrom(action);
  expect(error.status).toBe(400);
  expect(error.scimType).toBe(scimType);
  if (detail) expect(error.detail).toMatch(detail);
  return error;
}
