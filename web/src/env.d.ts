/** Read from policy/ at build time by web/vite.config.ts. */
declare module 'virtual:ontschot-policy' {
  export const roles: ReadonlyArray<{ role: string; organisatie: 'GEMEENTE' | 'PARTNER'; purposes: readonly string[] }>;
  export const organisations: ReadonlyArray<{ code: string; naam: string; soort: 'GEMEENTE' | 'PARTNER' }>;
}
