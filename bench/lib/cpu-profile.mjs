// Sums a V8 CPU profile (`node --cpu-prof`) by package over a window of wall-clock time, for
// the end-to-end benchmark's "where the time goes". Self time only: a sample counts for the
// function on top of the stack, which is charged to the package its script belongs to.

/** Which package a frame belongs to: an npm package, one of ours (@aid/<lib>, service), node, V8. */
function categoryOf(frame) {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(root)') return '(root)';
    if (functionName === '(garbage collector)') return 'V8: garbage collector';
    if (functionName === '(program)') return 'V8/native: (program)';
    return 'V8/native builtins';
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  let m = /\/dist\/libs\/([^/]+)\//.exec(url);
  if (m) return `@aid/${m[1]}`;
  m = /\/dist\/services\/([^/]+)\//.exec(url);
  if (m) return `service: ${m[1]}`;
  if (/\/dist\/tools\//.test(url)) return 'tools';
  if (url.startsWith('node:')) return 'node core';
  return 'other';
}

/**
 * The samples between `fromMsBeforeEnd` and `toMsBeforeEnd` milliseconds before the
 * profile's end: busy share of the window, self time by package, the top functions.
 */
export function summariseCpuProfile(profile, { fromMsBeforeEnd, toMsBeforeEnd }) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Native and node-core frames (a socket's writev, JSON.parse) charged to the package that
  // called them: the nearest caller of ours or of node_modules.
  const callerCategory = new Map();
  const callerOf = (id) => {
    if (callerCategory.has(id)) return callerCategory.get(id);
    let at = id;
    let category = null;
    while (at !== undefined) {
      const c = categoryOf(nodes.get(at).callFrame);
      if (!c.startsWith('V8') && c !== 'node core' && c !== '(root)') {
        category = c;
        break;
      }
      at = parent.get(at);
    }
    category ??= categoryOf(nodes.get(id).callFrame);
    callerCategory.set(id, category);
    return category;
  };
  const byCaller = new Map();
  // Every sample charged to the nearest function of ours on its stack (which query, which
  // handler the driver's work was for).
  const ourCaller = new Map();
  const oursOf = (id) => {
    if (ourCaller.has(id)) return ourCaller.get(id);
    let at = id;
    let key = '(no code of ours on the stack)';
    while (at !== undefined) {
      const f = nodes.get(at).callFrame;
      const c = categoryOf(f);
      if (c.startsWith('@aid/') || c.startsWith('service: ') || c === 'tools') {
        key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/dist\//, '')}:${f.lineNumber + 1}`;
        break;
      }
      at = parent.get(at);
    }
    ourCaller.set(id, key);
    return key;
  };
  const byOurs = new Map();
  const from = profile.endTime - fromMsBeforeEnd * 1000;
  const to = profile.endTime - toMsBeforeEnd * 1000;
  const byCategory = new Map();
  const byFunction = new Map();
  let t = profile.startTime;
  let busy = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < from || t > to) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const frame = nodes.get(profile.samples[i]).callFrame;
    const category = categoryOf(frame);
    if (category === '(idle)') {
      idle += dt;
      continue;
    }
    busy += dt;
    byCategory.set(category, (byCategory.get(category) ?? 0) + dt);
    const caller = callerOf(profile.samples[i]);
    byCaller.set(caller, (byCaller.get(caller) ?? 0) + dt);
    const ours = oursOf(profile.samples[i]);
    byOurs.set(ours, (byOurs.get(ours) ?? 0) + dt);
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|dist)\//, '')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
  }
  const share = (us) => Math.round((us / Math.max(1, busy)) * 1000) / 10;
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), percentOfBusy: share(us) }));
  return {
    windowMs: Math.round((to - from) / 1000),
    busyMs: Math.round(busy / 1000),
    idleMs: Math.round(idle / 1000),
    byPackage: top(byCategory, 15),
    byPackageWithTheNativeWorkItCalls: top(byCaller, 15),
    topFunctions: top(byFunction, 15),
    byNearestFunctionOfOurs: top(byOurs, 15),
  };
}
