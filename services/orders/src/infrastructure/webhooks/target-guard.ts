import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Refuses webhook targets that are not public unicast addresses (loopback, private networks,
 * link-local such as cloud metadata at 169.254.169.254, carrier-grade NAT, multicast, reserved),
 * unless private targets are allowed (local receivers and tests). Checked on the address the
 * name resolves to at connect time, so a name that resolves differently later cannot slip by.
 */
export class TargetGuard {
  constructor(private readonly allowPrivate: boolean) {}

  /** Why an address may not be called, or undefined when it may. */
  refusal(address: string): string | undefined {
    if (this.allowPrivate) return undefined;
    if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
    let parsed = ipaddr.parse(address);
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
      parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    }
    const range = parsed.range();
    return range === 'unicast'
      ? undefined
      : `${address} is a ${range} address; webhook targets must be public (WEBHOOK_ALLOW_PRIVATE_TARGETS=true allows it)`;
  }

  /** A `lookup` for http.request that fails the connection when the resolved address is refused. */
  readonly lookup = (
    hostname: string,
    options: LookupOptions,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      for (const entry of list) {
        const refusal = this.refusal(entry.address);
        if (refusal)
          return callback(Object.assign(new Error(refusal), { code: 'ETARGETREFUSED' }), []);
      }
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };

  /** For a URL whose host is an IP literal (no lookup happens then). */
  literalRefusal(hostname: string): string | undefined {
    const bare = hostname.replace(/^\[|\]$/g, '');
    return isIP(bare) ? this.refusal(bare) : undefined;
  }
}
