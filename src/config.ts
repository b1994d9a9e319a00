/** Settings from the environment (SPEC §2). */
export interface AppConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; absent = the embedded engine. */
  databaseUrl: string | undefined;
  /** Data directory of the embedded engine. */
  dataDir: string;
  /** Demo data and users on an empty embedded database. */
  demo: boolean;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number (0–65535), got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.GNBV_DATA_DIR || './data',
    demo: env.GNBV_DEMO !== '0',
  };
}
