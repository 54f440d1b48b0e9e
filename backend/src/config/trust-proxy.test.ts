import { ConfigError, loadEnv } from './env';

const trustProxy = (value?: string) => loadEnv(value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY;

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless told: the client address is the connection peer', () => {
    expect(trustProxy()).toBe(false);
    expect(trustProxy('')).toBe(false);
    expect(trustProxy('0')).toBe(false);
    expect(trustProxy('false')).toBe(false);
  });

  it('reads a hop count, or a list of addresses, CIDR ranges and named ranges', () => {
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy(' 2 ')).toBe(2);
    expect(trustProxy('172.18.0.0/16')).toEqual(['172.18.0.0/16']);
    expect(trustProxy('loopback, 10.0.0.7,fd00::/8, ::1')).toEqual(['loopback', '10.0.0.7', 'fd00::/8', '::1']);
  });

  it.each(['true', 'yes', '10.0.0.0/33', '::/129', '10.0.0', 'loopback,', 'nginx', '1.2.3.4/8/8', '-1', '1.5'])(
    'refuses %p with a message that says what it takes',
    (value) => {
      expect(() => trustProxy(value)).toThrow(ConfigError);
      expect(() => trustProxy(value)).toThrow(/TRUST_PROXY: .*hop count .*CIDR/);
    },
  );
});
