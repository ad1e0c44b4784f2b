import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Credentials never reach a log line: the Authorization header and anything
 * that looks like a token field is redacted wherever it appears.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'evercate-directory' },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          '*.token',
          '*.scimToken',
          '*.graphqlToken',
          '*.secret',
          'token',
          'scimToken',
          'graphqlToken',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
