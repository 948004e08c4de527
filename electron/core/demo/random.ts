/** The demo generator moved to shared/demo/; bench/fts-code-vs-triggers.ts still imports it from here. */
export { createRandom, demoId, type Random } from '../../../shared/demo/random.ts';
