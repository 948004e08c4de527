import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * index.html carries the production Content-Security-Policy as a meta fallback (the app:// protocol
 * and the web host also send it as a header). Vite's dev server needs an inline React Refresh
 * preamble, inline styles and its HMR WebSocket, so only there the policy is relaxed (as main's
 * devContentSecurityPolicy does for the header); builds keep it strict.
 */
function devCspRelaxation(): Plugin {
  return {
    name: 'switchboard-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://127.0.0.1:*"),
  };
}

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs: the same build is served from app://console/ and from the web host.
  base: './',
  plugins: [react(), devCspRelaxation()],
  build: {
    outDir: `${import.meta.dirname}/../out/renderer`,
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    // One 600 kB file drew Vite's "chunks larger than 500 kB" warning at every start. The entry is
    // the shell and the inbox, split by what changes together (React, the other libraries); the
    // ticket page, the dialogs and the other rooms load when first shown (ui/lazy-part.tsx), each
    // its own chunk, with what only they use (uPlot, luxon).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The start's early calls (api/start-early.ts) in a chunk of their own, imported first
            // by the entry: evaluated before the libraries and catalogs, which take hundreds of
            // milliseconds on a slow machine, so the calls are in flight meanwhile.
            {
              name: 'start',
              test: /[\\/]renderer[\\/]src[\\/](api[\\/](start-early|early-calls|token)|features[\\/]inbox[\\/]queue-page)\.ts$|[\\/]shared[\\/]contract[\\/]web-transport\.ts$/,
              priority: 3,
            },
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            // Time zones and calendars (SLA due times, business hours, the metrics' periods): no
            // part of the first screen needs them, and their module's set-up is not free.
            { name: 'luxon', test: /[\\/]node_modules[\\/]luxon[\\/]/, priority: 2 },
            // zod's configuration (no eval, for the CSP) travels with zod, so it is set before any
            // chunk that imports zod builds a schema, whichever chunk the browser evaluates first.
            { name: 'vendor', test: /[\\/]node_modules[\\/](?!uplot[\\/])|[\\/]renderer[\\/]src[\\/]zod-config\.ts$/, priority: 1 },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
