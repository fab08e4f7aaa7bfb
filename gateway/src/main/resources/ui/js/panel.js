// What the playground's panels share.
import { $, el } from './common.js';

/** The route a panel's deployment list points at now, e.g. "/llm". */
export const route = (id) => $(`#${id}`).value;

/** Shows a failure in a panel's output, in the server's words. */
export function fail(out, e) {
  out.dataset.state = 'failed';
  out.replaceChildren(el('span', { class: 'err' }, e.message ?? String(e)));
}

/** Runs a panel's action with its button disabled meanwhile; failures go to its output. */
export function action(button, out, run) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await run();
    } catch (e) {
      fail(out, e);
    } finally {
      button.disabled = false;
    }
  });
}
