/** CLI: `npm run bench -- <scenario> [--runs N] [--quick] [--n 200] [--servers enlace,yws] [--db pglite|postgres]`. */
import { runScenario } from './runner.js';
import { scenarios } from './scenarios/index.js';

function parseArgs(argv: string[]): { name?: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2);
      const next = argv[i + 1];
      if (inline !== undefined) params[k] = inline;
      else if (next !== undefined && !next.startsWith('--')) params[k] = argv[++i];
      else params[k] = 'true';
    } else name ??= a;
  }
  return { name, params };
}

const { name, params } = parseArgs(process.argv.slice(2));
const scenario = name ? scenarios[name] : undefined;
if (!scenario) {
  console.error(`usage: npm run bench -- <scenario> [--runs N] [--quick] [--servers a,b] [--db pglite|postgres] [--n N]\n`);
  for (const s of Object.values(scenarios)) console.error(`  ${s.name.padEnd(11)} ${s.description}`);
  process.exit(2);
}
// `--n 50,200,1000` runs the scenario once per value.
const variants = (params.n ?? '').includes(',') ? params.n.split(',').map((n) => ({ ...params, n })) : [params];
try {
  for (const p of variants) {
    const result = await runScenario(scenario, p, (m) => console.log(m));
    console.log(`\n${result.table}\n\nwritten ${result.path}\n`);
  }
  process.exit(0);
} catch (err) {
  console.error(err);
  process.exit(1);
}
