/**
 * Checks on the built artefacts (run after `npm run build`): the sandboxed preload can only load `electron`, so the
 * bundle must not require anything else; the renderer page loads only same-origin scripts and styles (strict CSP).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('built artefacts', () => {
  it('the preload bundle requires nothing but electron (sandboxed preloads cannot load other modules)', () => {
    const code = readFileSync('dist/electron/preload.cjs', 'utf8');
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).toContain('exposeInMainWorld');
    expect(code).not.toMatch(/exposeInMainWorld\(\s*["'](?!bedside["'])/);
  });

  it('the renderer page has no inline scripts or styles and references only its own assets', () => {
    const html = readFileSync('dist/renderer/index.html', 'utf8');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(readdirSync('dist/renderer/assets').some((f) => f.endsWith('.js'))).toBe(true);
  });
});
