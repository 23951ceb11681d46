// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Preload (node --import ./loopback-only.mjs …) that makes every TCP server
// the program starts listen on 127.0.0.1 instead of all interfaces. The
// reference server-everything has no host option; tests must not expose it.

import net from 'node:net';

const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function (...args) {
  const [first, second] = args;

  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    if (first.path === undefined && first.host === undefined)
      args[0] = { ...first, host: '127.0.0.1' };
  } else if ((typeof first === 'number' || /^\d+$/.test(String(first))) && typeof second !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  }

  return listen.apply(this, args);
};
