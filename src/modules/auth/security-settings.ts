/**
 * Session and sign-in limits. Read from the environment by `buildApp` unless given in its
 * context (tests); every value is a whole number.
 */
export interface SecuritySettings {
  /** A session unused this long ends (`GNBV_SESSION_IDLE_MINUTES`, 30). */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, used or not (`GNBV_SESSION_HOURS`, 12). */
  sessionMaxHours: number;
  /** Failed sign-ins that lock an account (`GNBV_LOCKOUT_ATTEMPTS`, 5)… */
  lockoutAttempts: number;
  /** …when they fall within this many minutes (`GNBV_LOCKOUT_WINDOW_MINUTES`, 15). */
  lockoutWindowMinutes: number;
  /** How long the lock lasts unless a province admin lifts it first; 0 = until lifted (`GNBV_LOCKOUT_MINUTES`, 30). */
  lockoutMinutes: number;
}

export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  lockoutAttempts: 5,
  lockoutWindowMinutes: 15,
  lockoutMinutes: 30,
};

const VARIABLES: Record<keyof SecuritySettings, { name: string; min: number }> = {
  sessionIdleMinutes: { name: 'GNBV_SESSION_IDLE_MINUTES', min: 1 },
  sessionMaxHours: { name: 'GNBV_SESSION_HOURS', min: 1 },
  lockoutAttempts: { name: 'GNBV_LOCKOUT_ATTEMPTS', min: 1 },
  lockoutWindowMinutes: { name: 'GNBV_LOCKOUT_WINDOW_MINUTES', min: 1 },
  lockoutMinutes: { name: 'GNBV_LOCKOUT_MINUTES', min: 0 },
};

export class SecuritySettingError extends Error {}

export function readSecuritySettings(env: NodeJS.ProcessEnv = process.env): SecuritySettings {
  const settings = { ...DEFAULT_SECURITY_SETTINGS };
  for (const key of Object.keys(VARIABLES) as Array<keyof SecuritySettings>) {
    const { name, min } = VARIABLES[key];
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      throw new SecuritySettingError(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
    }
    settings[key] = value;
  }
  return settings;
}

/** The environment's settings with any given in code (tests) on top. */
export function resolveSecuritySettings(overrides: Partial<SecuritySettings> = {}): SecuritySettings {
  return { ...readSecuritySettings(), ...overrides };
}
