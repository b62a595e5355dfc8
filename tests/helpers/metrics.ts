/** Reads Enlace's Prometheus text from GET /metrics. */

/** One sample's value by metric name; throws when the metric is not there. */
export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`${name} not on /metrics`);
  return Number(line.slice(name.length + 1));
}
