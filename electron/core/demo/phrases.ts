/** The demo generator moved to shared/demo/; bench/fts-code-vs-triggers.ts still imports it from here. */
export { PHRASES, TOPICS, type Topic } from '../../../shared/demo/phrases.ts';
