/** `npm run build`: the web app (Vite) into dist/web and the server (esbuild) into dist/server, always. */
import { buildServer, buildWeb } from './launcher.mjs';

const started = performance.now();
buildWeb();
await buildServer();
console.log(`Built dist/web and dist/server in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
