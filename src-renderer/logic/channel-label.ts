import type { TFunction } from 'i18next';

const KNOWN = ['cash', 'alipay', 'wechat', 'sandbox', 'offline', 'writeoff'] as const;

/** A channel's display name; an unknown channel shows its code. */
export function channelLabel(t: TFunction, channel: string): string {
  return (KNOWN as readonly string[]).includes(channel)
    ? t(`reports.channelNames.${channel as (typeof KNOWN)[number]}`)
    : channel;
}
