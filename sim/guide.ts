// docs/getting-started.md as a program: its steps (`## N. Team: title`), the ```sh blocks in each,
// split into commands, the ```simulate blocks (what the demo's simulator does to the fleet at that
// point: a cluster failing, time passing; never a command a reader types), and the output blocks
// shown after each. The demo runs the commands and the simulated events; the tour test checks the
// outputs. The page is the single source of the tour.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

export const GUIDE = join(ROOT, 'docs', 'getting-started.md');

export interface GuideBlock {
  /** `2` for the first block of step 2, `2b` for its second, ... */
  readonly id: string;
  /** Commands as typed (continuation lines joined, comments dropped); empty in a simulate block. */
  readonly commands: readonly string[];
  /** A ```simulate block's events, one a line (sim/simulate.ts); undefined in an sh block. */
  readonly simulate?: readonly string[];
  /** Output blocks shown after this block, before the next one: what the fleet must then print. */
  readonly expected: readonly string[];
}

export interface GuideStep {
  readonly number: number;
  /** `Platform team`, `ML team`, or undefined for a step no team takes (installing). */
  readonly who?: string;
  readonly title: string;
  readonly blocks: readonly GuideBlock[];
}

const HEADING = /^## (\d+)\. (?:(Platform team|ML team): )?(.+)$/;
const FENCE = /^```(\w*)\s*$/;

/** A line without its comment: from a `#` that starts a word outside quotes. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/** Shell lines to commands: `\` continuations joined, blank lines and comments dropped. */
export function commandsOf(script: string): string[] {
  return script
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((l) => stripComment(l).trim())
    .filter((l) => l.length > 0);
}

export function parseGuide(markdown: string): GuideStep[] {
  const steps: { number: number; who?: string; title: string; blocks: { id: string; commands: string[]; simulate?: string[]; expected: string[] }[] }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = HEADING.exec(lines[i]!);
    if (heading) {
      steps.push({ number: Number(heading[1]), ...(heading[2] ? { who: heading[2] } : {}), title: heading[3]!, blocks: [] });
      continue;
    }
    if (lines[i]!.startsWith('## ')) {
      steps.push({ number: -1, title: lines[i]!.slice(3), blocks: [] }); // a section after the tour
      continue;
    }
    const fence = FENCE.exec(lines[i]!);
    if (!fence) continue;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    const step = steps.at(-1);
    if (!step || step.number < 0) continue;
    const id = () => `${step.number}${step.blocks.length === 0 ? '' : String.fromCharCode(97 + step.blocks.length)}`;
    if (fence[1] === 'sh') {
      step.blocks.push({ id: id(), commands: commandsOf(body.join('\n')), expected: [] });
    } else if (fence[1] === 'simulate') {
      step.blocks.push({ id: id(), commands: [], simulate: commandsOf(body.join('\n')), expected: [] });
    } else if (fence[1] === '' && step.blocks.length) {
      step.blocks.at(-1)!.expected.push(body.join('\n'));
    }
  }
  return steps.filter((s) => s.number >= 0);
}

export const loadGuide = (path = GUIDE): GuideStep[] => parseGuide(readFileSync(path, 'utf8'));
