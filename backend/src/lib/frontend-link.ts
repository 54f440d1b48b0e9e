/** A link into the web app at FRONTEND_URL, e.g. `/register?invite=CODE`, to hand to a person out of band. */
export function frontendLink(frontendUrl: string, path: string, query: Record<string, string>): string {
  const url = new URL(frontendUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}
