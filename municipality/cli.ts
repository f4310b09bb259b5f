/**
 * tsx municipality/cli.ts [--inhabitants N] [--seed S] [--reference-date YYYY-MM-DD] [--out file.json] [--pretty]
 *
 * Without --out it prints summary counts only (never personal data, not even synthetic: the
 * output may end up in CI logs, and the habit matters). With --out it writes the whole
 * municipality as JSON and prints the summary.
 */
import { writeFileSync } from 'node:fs';
import { generateMunicipality, type GenerateOptions } from './generate';
import { summarize } from './summary';

interface CliArgs extends GenerateOptions {
  out?: string;
  pretty: boolean;
}

const USAGE = 'usage: tsx municipality/cli.ts [--inhabitants N] [--seed S] [--reference-date YYYY-MM-DD] [--out file.json] [--pretty]';

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { pretty: false };
  const integer = (flag: string, value: string | undefined): number => {
    if (value === undefined || !/^\d+$/.test(value)) throw new Error(`${flag} expects a whole number, got ${value === undefined ? 'nothing' : JSON.stringify(value)}\n${USAGE}`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--inhabitants':
        args.inhabitants = integer(flag, argv[++i]);
        break;
      case '--seed':
        args.seed = integer(flag, argv[++i]);
        break;
      case '--reference-date': {
        const value = argv[++i];
        if (value === undefined) throw new Error(`--reference-date expects a date\n${USAGE}`);
        args.referenceDate = value;
        break;
      }
      case '--out': {
        const value = argv[++i];
        if (value === undefined) throw new Error(`--out expects a file name\n${USAGE}`);
        args.out = value;
        break;
      }
      case '--pretty':
        args.pretty = true;
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown argument ${JSON.stringify(flag)}\n${USAGE}`);
    }
  }
  return args;
}

export function main(argv: readonly string[]): number {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const started = performance.now();
  let municipality;
  try {
    municipality = generateMunicipality(args);
  } catch (err) {
    if (err instanceof RangeError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const ms = Math.round(performance.now() - started);
  if (args.out) writeFileSync(args.out, JSON.stringify(municipality, null, args.pretty ? 2 : undefined));
  process.stdout.write(`${JSON.stringify({ ...summarize(municipality), generatedInMs: ms, ...(args.out ? { writtenTo: args.out } : {}) }, null, 2)}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
