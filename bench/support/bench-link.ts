/** Fields of `POST /links` beside the target. */
export type LinkFields = Record<string, unknown>;

/** The API refused the link's fields (a feature this build does not have yet). */
export class LinkRefused extends Error {}

/** A new creator of the benchmark database, signed up through the public API, with its session cookie. */
export async function signUpBenchCreator(apiUrl: string, prefix = 'bench'): Promise<{ creatorId: string; cookie: string }> {
  const username = `${prefix}_${Date.now().toString(36)}`;
  const signup = await fetch(`${apiUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${username}@bench.local`, password: 'benchmark-password', username }),
  });
  if (signup.status !== 201) throw new Error(`cannot sign up the benchmark creator: ${signup.status} ${await signup.text()}`);
  const { creator } = (await signup.json()) as { creator: { id: string } };
  return { creatorId: creator.id, cookie: (signup.headers.get('set-cookie') ?? '').split(';')[0] };
}

/** A new creator and link in the benchmark database, created through the public API. */
export async function createBenchLink(
  apiUrl: string,
  fields: LinkFields = {},
): Promise<{ slug: string; linkId: string; creatorId: string }> {
  const { creatorId, cookie } = await signUpBenchCreator(apiUrl);
  const created = await fetch(`${apiUrl}/api/v1/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-requested-with': 'linkpulse' },
    body: JSON.stringify({ url: 'https://example.com/landing?ref=bio', ...fields }),
  });
  if (created.status === 400) throw new LinkRefused(`the API refused ${JSON.stringify(fields)}: ${await created.text()}`);
  if (created.status !== 201) throw new Error(`cannot create the benchmark link: ${created.status} ${await created.text()}`);
  const link = (await created.json()) as { id: string; slug: string };
  return { slug: link.slug, linkId: link.id, creatorId };
}

/** A real phone browser's user agent, so benchmark clicks are counted as people, not as a bot. */
export const BROWSER_USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
