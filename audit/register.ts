import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { PURPOSES, type Purpose } from '../policy';

const activitySchema = z.object({
  id: z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, 'expected an upper-case register number such as VA-SD-01'),
  naam: z.string().min(1),
  doelen: z.array(z.enum(PURPOSES)).min(1),
  grondslag: z.string().min(1),
  categorieenBetrokkenen: z.array(z.string().min(1)).min(1),
  categorieenPersoonsgegevens: z.array(z.string().min(1)).min(1),
  ontvangers: z.array(z.string().min(1)).min(1),
  bewaartermijn: z.string().min(1),
  /** ISO date from which the activity is no longer carried out; its entry stays for old records. */
  beeindigd: z.iso.date().optional(),
});

const registerSchema = z.object({
  version: z.string().min(1),
  verantwoordelijke: z.string().min(1),
  activiteiten: z.array(activitySchema).min(1),
});

/** One processing activity as the register (AVG art. 30) describes it. */
export type Verwerkingsactiviteit = z.infer<typeof activitySchema>;

/**
 * The register of processing activities, indexed by purpose: each audit record names the
 * activity its purpose belongs to. Built only from a register in which every purpose has
 * exactly one activity in force, so looking one up never fails at request time.
 */
export class Verwerkingsregister {
  readonly version: string;
  readonly verantwoordelijke: string;
  private readonly byId = new Map<string, Verwerkingsactiviteit>();
  private readonly byPurpose = new Map<Purpose, Verwerkingsactiviteit>();

  constructor(file: z.infer<typeof registerSchema>) {
    this.version = file.version;
    this.verantwoordelijke = file.verantwoordelijke;
    const problems: string[] = [];
    for (const a of file.activiteiten) {
      if (this.byId.has(a.id)) problems.push(`activity ${a.id} is listed twice`);
      this.byId.set(a.id, a);
      if (a.beeindigd) continue;
      for (const d of a.doelen) {
        const other = this.byPurpose.get(d);
        if (other) problems.push(`purpose ${d} belongs to both ${other.id} and ${a.id}; expected exactly one activity`);
        else this.byPurpose.set(d, a);
      }
    }
    for (const p of PURPOSES) if (!this.byPurpose.has(p)) problems.push(`purpose ${p} belongs to no activity in force; expected exactly one`);
    if (problems.length) throw new Error(`register of processing activities is invalid: ${problems.join('; ')}`);
  }

  /** The activity a purpose belongs to. */
  activityFor(doel: Purpose): Verwerkingsactiviteit {
    // The constructor guarantees every purpose is present.
    return this.byPurpose.get(doel)!;
  }

  /** An activity by id, also a retired one; undefined for an id the register never had. */
  activity(id: string): Verwerkingsactiviteit | undefined {
    return this.byId.get(id);
  }
}

/**
 * Loads and validates the register; throws naming every problem. Like policy/rules.ts: the
 * hub refuses to start on a register it cannot trust.
 * @defaultValue path audit/verwerkingsactiviteiten.yaml
 */
export function loadVerwerkingsregister(path = join(__dirname, 'verwerkingsactiviteiten.yaml')): Verwerkingsregister {
  const parsed = registerSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`register of processing activities ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return new Verwerkingsregister(parsed.data);
}
