/**
 * THIRD_PARTY_NOTICES.md from package-lock.json (lockfile v2/v3): every package Linkpulse ships —
 * the server's production dependencies, transitive included, and the packages the dashboard
 * bundle is built from — with its version and the licence its package.json declares.
 */

export interface LockedPackage {
  version?: string;
  license?: string;
  name?: string;
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

export interface Lockfile {
  packages: Record<string, LockedPackage>;
}

export interface Notice {
  name: string;
  version: string;
  license: string;
}

/** Packages the dashboard imports (web/src); they and their dependencies end up in its bundle. */
export const DASHBOARD_IMPORTS = ['simple-icons', 'svelte', 'uplot'];

const NODE_MODULES = 'node_modules/';

/** The package's name from its lockfile path (`node_modules/a/node_modules/@b/c` → `@b/c`). */
function nameOf(path: string, entry: LockedPackage): string {
  return entry.name ?? path.slice(path.lastIndexOf(NODE_MODULES) + NODE_MODULES.length);
}

function toNotice(path: string, entry: LockedPackage): Notice {
  return { name: nameOf(path, entry), version: entry.version ?? '', license: entry.license ?? 'not declared (see the package)' };
}

/** Code-unit order: the same on every machine, whatever its locale. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted by name then version, one line per name@version however often it is installed. */
function distinct(notices: Notice[]): Notice[] {
  const byKey = new Map(notices.map((notice) => [`${notice.name}@${notice.version}`, notice]));
  return [...byKey.values()].sort((a, b) => byText(a.name, b.name) || byText(a.version, b.version));
}

/** What `npm ci --omit=dev` installs: every installed package not marked dev-only. */
export function serverPackages(lockfile: Lockfile): Notice[] {
  return distinct(
    Object.entries(lockfile.packages)
      .filter(([path, entry]) => path.startsWith(NODE_MODULES) && !entry.dev)
      .map(([path, entry]) => toNotice(path, entry)),
  );
}

/** Node's resolution: the nearest `node_modules/<name>` up from the requiring package's folder. */
function resolve(lockfile: Lockfile, from: string, name: string): string | null {
  let folder = from;
  for (;;) {
    const candidate = `${folder ? `${folder}/` : ''}${NODE_MODULES}${name}`;
    if (lockfile.packages[candidate]) return candidate;
    if (!folder) return null;
    const parent = folder.lastIndexOf(`/${NODE_MODULES}`);
    folder = parent < 0 ? '' : folder.slice(0, parent);
  }
}

/** The packages `roots` depend on, transitively, as the lockfile resolves them. */
export function dependencyClosure(lockfile: Lockfile, roots: string[]): Notice[] {
  const seen = new Set<string>();
  const pending = roots.map((name) => resolve(lockfile, '', name)).filter((path): path is string => path !== null);
  while (pending.length) {
    const path = pending.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const entry = lockfile.packages[path];
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const resolved = resolve(lockfile, path, name);
      if (resolved) pending.push(resolved);
    }
  }
  return distinct([...seen].map((path) => toNotice(path, lockfile.packages[path])));
}

function table(notices: Notice[]): string[] {
  return [
    '| Package | Version | Licence |',
    '|---|---|---|',
    ...notices.map((n) => `| ${n.name} | ${n.version} | ${n.license} |`),
  ];
}

function licenceCounts(notices: Notice[]): string[] {
  const counts = new Map<string, number>();
  for (const notice of notices) counts.set(notice.license, (counts.get(notice.license) ?? 0) + 1);
  const rows = [...counts].sort(([a, x], [b, y]) => y - x || byText(a, b));
  return ['| Licence | Packages |', '|---|---|', ...rows.map(([license, count]) => `| ${license} | ${count} |`)];
}

export function renderNotices(lockfile: Lockfile): string {
  const server = serverPackages(lockfile);
  const dashboard = dependencyClosure(lockfile, DASHBOARD_IMPORTS);
  return [
    '# Third-party notices',
    '',
    'Linkpulse is licensed under the GNU AGPL 3.0 or later (`LICENSE`). It ships the packages below, each',
    'under its own licence; the full texts are in each package (`node_modules/<name>`). Generated from',
    '`package-lock.json` by `npm run notices`; a unit test fails when this file is out of date.',
    '',
    '## Licences',
    '',
    ...licenceCounts(distinct([...server, ...dashboard])),
    '',
    `## Server (${server.length} packages, transitive dependencies included)`,
    '',
    ...table(server),
    '',
    `## Dashboard bundle (${dashboard.length} packages)`,
    '',
    `Built from ${DASHBOARD_IMPORTS.map((name) => `\`${name}\``).join(', ')} and their dependencies; some of these only run in the compiler.`,
    '',
    ...table(dashboard),
    '',
  ].join('\n');
}
