import type { RefusalReason } from '../admission';

/** A signed-in user's token was refused; `reason` tells the client which way (see RefusalReason). */
export class SsoRefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'SsoRefusedError';
  }
}

/** The identity provider's signing keys could not be fetched: nothing is wrong with the token as far as we know. */
export class SigningKeysUnavailableError extends Error {
  constructor(cause: unknown) {
    super("The identity provider's signing keys could not be fetched.", { cause });
    this.name = 'SigningKeysUnavailableError';
  }
}
