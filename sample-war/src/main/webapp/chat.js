/*
 * The chat page: one PleziClient on the "chat" route next to this page. Every text from the
 * server (names, rooms, chats, whispers, notices, error reasons) reaches the DOM through
 * textContent only, never as HTML: whatever anybody typed is shown exactly as typed.
 *
 * Rooms: the server says which room the connection is in ("room"), then who is in it
 * ("members"), then each user whose first tab enters ("entered") or whose last tab leaves
 * ("left"). Events that come before the list are applied on top of it, in order.
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
  const roomName = $('room-name');
  const roomForm = $('room-form');
  const roomError = $('room-error');
  const membersList = $('members');

  /** The name the server welcomed; sent again after a reconnect, which brings waiting whispers. */
  let myName = null;

  /** The room the user chose; entered again after a reconnect (a login enters the lobby). */
  let myRoom = null;
  /** After a reconnect's login, until the server has put the connection back into myRoom. */
  let rejoining = false;

  /** The room the server says this connection is in, its members (id -> name) once listed. */
  let currentRoom = null;
  let members = null;
  /** Entered and left events of currentRoom that came before its members list. */
  let early = [];

  const client = new PleziClient('chat');

  function renderMembers() {
    const items = members === null ? [] : Array.from(members.entries())
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([id, name]) => {
        const item = document.createElement('li');
        item.dataset.id = id;
        item.textContent = name;
        if (myName !== null && id === myName.toLowerCase()) {
          item.className = 'me';
        }
        return item;
      });
    membersList.replaceChildren(...items);
  }

  function applyChange(change) {
    if (change.event === 'entered') {
      members.set(change.id, change.name);
    } else {
      members.delete(change.id);
    }
  }

  function leaveRooms() {
    myRoom = null;
    rejoining = false;
    currentRoom = null;
    members = null;
    early = [];
    renderMembers();
  }

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
    rejoining = again && myRoom !== null && myRoom !== 'lobby';
    if (rejoining) {
      client.emit({ event: 'join', room: myRoom }); // the login enters the lobby first
    }
    $('text').focus();
  };
  client.room = (message) => {
    currentRoom = message.room;
    if (!(rejoining && message.room === 'lobby')) {
      myRoom = message.room;
      rejoining = false;
    }
    members = null;
    early = [];
    roomName.textContent = message.room;
    roomError.hidden = true;
    renderMembers();
    append('info', null, 'You are in room ' + message.room + '.');
  };
  client.members = (message) => {
    if (message.room !== currentRoom) {
      return; // the list of a room left since
    }
    members = new Map(message.members.map((member) => [member.id, member.name]));
    early.forEach(applyChange);
    early = [];
    renderMembers();
  };
  const onChange = (change) => {
    if (change.room !== currentRoom) {
      return;
    }
    if (members === null) {
      early.push(change);
    } else {
      applyChange(change);
      renderMembers();
    }
  };
  client.entered = onChange;
  client.left = onChange;
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
    } else if (error.request === 'join') {
      roomError.textContent = text;
      roomError.hidden = false;
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
    leaveRooms();
    me.hidden = true;
    $('logout').hidden = true;
    room.hidden = true;
    loginForm.hidden = false;
    append('info', null, 'Logged out.');
  });

  roomForm.addEventListener('submit', (event) => {
    event.preventDefault();
    roomError.hidden = true;
    client.emit({ event: 'join', room: $('room-input').value.trim() });
    $('room-input').value = '';
  });
  $('to-lobby').addEventListener('click', () => client.emit({ event: 'join', room: 'lobby' }));

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
