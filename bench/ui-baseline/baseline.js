/* global document, window, location */
// The UI suite's baseline: no framework, no state, no virtualization. It asks the web host for the
// same first inbox page the console shows first and writes the rows as plain elements, so
// "navigation to first rows" here is the floor set by the browser, the transport and Core.
const token = new URLSearchParams(location.hash.slice(1)).get('token');

export async function call(channel, input) {
  const response = await fetch(`/api/call/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = await response.json();
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

const page = await call('tickets.list', { view: 'mine', limit: 50 });
const list = document.querySelector('[role="listbox"]');
for (const row of page.rows) {
  const option = document.createElement('div');
  option.setAttribute('role', 'option');
  option.textContent = `${row.number} ${row.subject} ${row.requesterName} ${row.status}`;
  list.append(option);
}
window.baselineCall = call;
