import { isInternalAddress, isLoopbackHost } from '../../src/platform/net/internal-addresses';

describe('internal addresses (what a webhook may not reach unless allowed)', () => {
  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '127.0.0.1',
    '127.9.9.9',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '[::1]',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    'fe80::1',
    'fe80::1%eth0',
    'fd12:3456::1',
    '2002:a00:1::1',
    'ff02::1',
    'not an address',
  ])('%s is internal', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    '%s is public',
    (address) => {
      expect(isInternalAddress(address)).toBe(false);
    },
  );

  it('knows the names of this machine', () => {
    for (const host of ['localhost', 'LOCALHOST.', 'api.localhost', '127.0.0.5', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['example.com', 'localhost.example.com', '10.0.0.1', '[::2]'])
      expect(isLoopbackHost(host)).toBe(false);
  });
});
