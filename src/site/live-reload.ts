/**
 * Live reload for `mlpost serve`: a script injected into every HTML page it serves (never
 * into the built files) listens on an event stream, and the page reloads after each
 * rebuild. No client code ships with the site itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The event stream's path on the server. */
export const LIVE_RELOAD_PATH = '/__mlpost/live-reload';

/** The injected script: reload on each "reload" event; the browser reconnects by itself. */
const SCRIPT = `<script>new EventSource(${JSON.stringify(LIVE_RELOAD_PATH)}).addEventListener('reload', () => location.reload());</script>`;

/** The clients of one server. */
export class LiveReload {
  private readonly clients = new Set<ServerResponse>();

  /** Answer the event-stream request; `false` for any other request. */
  handle(request: IncomingMessage, response: ServerResponse): boolean {
    if ((request.url ?? '').split('?')[0] !== LIVE_RELOAD_PATH) return false;
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    response.write(': mlpost live reload\n\n');
    this.clients.add(response);
    request.on('close', () => this.clients.delete(response));
    return true;
  }

  /** `html` with the script before `</body>` (or at the end). */
  inject(html: string): string {
    const at = html.lastIndexOf('</body>');
    return at < 0 ? html + SCRIPT : html.slice(0, at) + SCRIPT + html.slice(at);
  }

  /** Tell every open page to reload. */
  reload(): void {
    for (const client of this.clients) client.write('event: reload\ndata: built\n\n');
  }

  /** Pages listening now. */
  get size(): number {
    return this.clients.size;
  }
}
