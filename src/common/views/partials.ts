/**
 * Partial registration for the server-rendered pages. `registerViewPartials` is synchronous and
 * keeps hyphenated names (`error-summary`); do not use `hbs.registerPartials`, which is
 * asynchronous and renames `-` to `_`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Dict } from './field-models';

/** The parts of a Handlebars environment that `registerViewPartials` needs. */
export interface PartialEnvironment {
  compile(source: string): (context: unknown, options?: object) => string;
  registerPartial(name: string, partial: unknown): void;
}

/**
 * Registers every `*.hbs` in `dir` as a partial named after the file (`error-summary.hbs` →
 * `error-summary`), synchronously. Accepts the `hbs` module or a Handlebars environment.
 *
 * A partial called with hash parameters (`{{> input name="email" label="Email"}}`) sees only
 * those parameters (and `@root`), not the caller's context, so a missing `hint` or `id` can
 * never be picked up from the surrounding page or loop item. A partial called without
 * parameters (`{{> flash}}`) sees the caller's context as usual.
 */
export function registerViewPartials(
  target: PartialEnvironment | { handlebars: PartialEnvironment },
  dir: string,
): string[] {
  const env: PartialEnvironment = 'handlebars' in target ? target.handlebars : target;
  const names: string[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (extname(file) !== '.hbs') continue;
    const name = basename(file, '.hbs');
    const source = readFileSync(join(dir, file), 'utf8');
    let compiled: ((context: unknown, options?: object) => string) | undefined;
    const partial = (
      context: unknown,
      options: { hash?: Dict; data?: unknown; helpers?: unknown; partials?: unknown } = {},
    ): string => {
      compiled ??= env.compile(source);
      const hash = options.hash;
      const scope = hash && Object.keys(hash).length > 0 ? { ...hash } : context;
      return compiled(scope, {
        data: options.data,
        helpers: options.helpers,
        partials: options.partials,
        allowProtoPropertiesByDefault: true,
      });
    };
    env.registerPartial(name, partial);
    names.push(name);
  }
  return names;
}
