/** Human log lines go to stderr (stdout is reserved for the CLI's one ready line). Never log secrets. */
export interface GatewayLog {
  info(message: string): void;
  error(message: string, cause?: unknown): void;
}

export const stderrLog: GatewayLog = {
  info: (message) => {
    process.stderr.write(`[gateway] ${message}\n`);
  },
  error: (message, cause) => {
    const detail =
      cause instanceof Error ? `\n${cause.stack ?? cause.message}` : cause === undefined ? '' : ` ${String(cause)}`;
    process.stderr.write(`[gateway] ERROR ${message}${detail}\n`);
  },
};
