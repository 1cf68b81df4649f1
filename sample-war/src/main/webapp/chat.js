/*
 * The chat page: one PleziClient on the "chat" route next to this page. Every text from the
 * server (names, chats, whispers, notices, error reasons) reaches the DOM through textContent
 * only, never as HTML: whatever anybody typed is shown exactly as typed.
 */
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const status = $('status');
  const me = $('me');
  const loginForm = $('login');
  const loginError = $('login-error');
  const room = $('room');
  const log = $('log');
  const composer = $('composer');
  const noticeForm = $('notice');
  const loginButton = loginForm.querySelector('button');

  /** The name the server welcomed; sent again after a reconnect, which brings waiting whispers. */
  let myName = null;

  const client = new PleziClient('chat');

  function setStatus(state, label) {
    status.dataset.state = state;
    status.textContent = label;
  }

  /** Appends a line: an optional bold "who" part and the text, both as plain text. */
  function append(kind, who, text) {
    const item = document.createElement('li');
    item.className = kind;
    if (who) {
      const label = document.createElement('span');
      label.className = 'who';
      label.textContent = who;
      item.appendChild(label);
    }
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    item.appendChild(body);
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  client.onopen = () => {
    setStatus('open', 'connected');
    loginButton.disabled = false; // a new connection after a logout: ready for a login
    if (myName !== null) {
      client.emit({ event: 'login', name: myName });
    }
  };
  client.onclose = () => setStatus('closed', 'disconnected, reconnecting…');

  client.welcome = (message) => {
    const again = myName !== null;
    myName = message.name;
    me.textContent = 'you are ' + myName;
    me.hidden = false;
    $('logout').hidden = false;
    loginForm.hidden = true;
    room.hidden = false;
    append('info', null, again ? 'Reconnected as ' + myName + '.' : 'Welcome, ' + myName + '!');
    $('text').focus();
  };
  client.chat = (message) => append('chat', message.from + ':', message.text);
  client.whisper = (message) => append('whisper', message.from + ' whispers:', message.text);
  client.whispered = (message) => append('whispered', 'you → ' + message.to + ':', message.text);
  client.notice = (message) => append('notice', 'Notice:', message.text);
  client.err = (error) => {
    const reason = error.reason ? ': ' + error.reason : '';
    const text = error.status + ' ' + error.result + reason;
    if (myName === null) {
      loginError.textContent = text;
      loginError.hidden = false;
    } else {
      append('err', null, text);
    }
  };
  client.unknown = (message) => append('info', null, 'unexpected: ' + JSON.stringify(message));

  loginForm.addEventListener('submit', (event) => {
    event.preventDefault();
    loginError.hidden = true;
    client.emit({ event: 'login', name: $('name').value.trim() });
  });

  // The server closes the connection; the client reconnects as nobody, ready for a new login.
  $('logout').addEventListener('click', () => {
    client.emit({ event: 'logout' });
    loginButton.disabled = true; // until the server has closed this connection and a new one opens
    myName = null;
    me.hidden = true;
    $('logout').hidden = true;
    room.hidden = true;
    loginForm.hidden = false;
    append('info', null, 'Logged out.');
  });

  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const to = $('to').value.trim();
    const text = $('text').value;
    client.emit(to === '' ? { event: 'chat', text } : { event: 'whisper', to, text });
    $('text').value = '';
  });

  noticeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('notice-text').value;
    fetch('api/notice', { method: 'POST', body: new URLSearchParams({ text }) })
      .then((response) => response.ok ? null : response.text().then((reason) =>
        append('err', null, response.status + ': ' + reason.trim())))
      .catch((failure) => append('err', null, 'notice not sent: ' + failure));
    $('notice-text').value = '';
  });
})();
