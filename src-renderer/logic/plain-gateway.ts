/**
 * A gateway reached over plain http beyond this machine: its replies and change stream travel
 * unencrypted and unauthenticated on the shop's network, where someone could read them or forge
 * a payment notice. Loopback (the demo gateway, a gateway on this computer) is not such a case.
 * Anything that does not parse as an http(s) URL is not either (the form says what is wrong).
 */
export function isPlainRemoteGateway(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return false;
  }
  if (u.protocol !== 'http:') return false;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return !(host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host));
}
