/**
 * For conduit's maintainers, after changing the sample: `node dist/scripts/import/sample-manifest.js [FILE…]`
 * records the current sha256 of every file conduit.sample.json lists (and adds FILEs).
 */
import { refreshSampleManifest, SAMPLE_MANIFEST } from "./sample.js";

const manifest = await refreshSampleManifest(process.cwd(), process.argv.slice(2));
process.stdout.write(`${SAMPLE_MANIFEST}: ${Object.keys(manifest.files).length} files\n`);
