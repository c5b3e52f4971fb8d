// Lint and format are part of `npm test`: ESLint (eslint.config.js: type-aware typescript-eslint
// rules) and Prettier (.prettierrc.json) run for real over the repository and must report nothing.
// `npm run lint` and `npm run format` run the same tools by hand (format writes the fixes).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../sim/paths';

const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

describe('lint and format', () => {
  it.each([
    { name: 'ESLint finds nothing', cmd: bin('eslint'), args: ['--max-warnings=0', '.'] },
    { name: 'every file is Prettier-formatted', cmd: bin('prettier'), args: ['--check', '--log-level=warn', '.'] },
  ])(
    '$name',
    ({ cmd, args }) => {
      const res = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 240_000 });
      expect(res.stdout + res.stderr).toBe('');
      expect(res.status).toBe(0);
    },
    300_000,
  );
});
