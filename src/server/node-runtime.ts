/**
 * The oldest Node.js release line Murojaat runs on: 24 LTS. Node.js 20 stopped receiving security
 * fixes on 2026-04-30; `npm install` brings 24 with the project (docs/decisions/0004-node-24-runtime.md).
 */
export const MINIMUM_NODE_MAJOR = 24;

/** Why Murojaat refuses to run on this Node.js version, or undefined when it may. */
export function unsupportedNode(version: string): string | undefined {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  if (major >= MINIMUM_NODE_MAJOR) return undefined;
  return (
    `Murojaat needs Node.js ${MINIMUM_NODE_MAJOR} or newer and was started by Node.js ${version}. ` +
    'Start it with `npm start` or `npx murojaat`, which use the Node.js that `npm install` put in ' +
    `node_modules/.bin; on a platform without one, install Node.js ${MINIMUM_NODE_MAJOR} LTS.`
  );
}
