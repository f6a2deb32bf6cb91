import { describe, expect, it } from 'vitest';
import { progressFor, silentProgress } from './progress.js';

function capture(isTTY: boolean): { stream: { write: (t: string) => void; isTTY: boolean }; text: () => string } {
  let text = '';
  return { stream: { write: (t: string) => (text += t), isTTY }, text: () => text };
}

describe('progress output', () => {
  it('without a terminal, writes a plain line at each tenth of a task, with the info and an ETA, and one at the end', () => {
    const { stream, text } = capture(false);
    const task = progressFor(stream).begin('epoch 1/1', 50);
    for (let i = 0; i < 50; i++) task.tick(`loss ${i}`);
    task.finish('done');
    const lines = text().trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^epoch 1\/1: 5\/50 loss 4 \| ETA \d+s$/);
    expect(lines[8]).toMatch(/^epoch 1\/1: 45\/50 loss 44 \| ETA/);
    expect(lines[9]).toMatch(/^epoch 1\/1: 50\/50 done \| \d+s$/);
    expect(text()).not.toContain('\u001b');
  });

  it('a short task still reports each step once', () => {
    const { stream, text } = capture(false);
    const task = progressFor(stream).begin('drift', 3);
    task.tick('a');
    task.tick('b');
    task.tick('c');
    task.finish();
    expect(text().trimEnd().split('\n').map((l) => l.split(' |')[0])).toEqual(['drift: 1/3 a', 'drift: 2/3 b', 'drift: 3/3 ']);
  });

  it('the silent progress of --json writes nothing', () => {
    const task = silentProgress.begin('x', 2);
    task.tick();
    task.finish();
    silentProgress.note('hello');
  });
});
