/** Sets `process.env` back to `saved`, on the process's own environment object (see `process-env.ts`). */
export function restoreEnv(saved: Readonly<Record<string, string | undefined>>, env = process.env): void {
  for (const key of Object.keys(env)) if (!(key in saved)) delete env[key];
  for (const [key, value] of Object.entries(saved))
    if (value !== undefined && env[key] !== value) env[key] = value;
  process.env = env;
}
