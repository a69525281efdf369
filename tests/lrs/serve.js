// Learning Locker's statement service (npm xapi-statements, pinned in package-lock.json)
// as a real LRS for the test suite: its own code, started as its README says, except that
// it listens on 127.0.0.1 only, on a port the system picks, which it writes to the file
// named by ROUNDS_LRS_PORT_FILE once it accepts connections (no race for a free port).
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');

const portFile = process.env.ROUNDS_LRS_PORT_FILE;
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, done) {
	const server = this;
	return listen.call(server, 0, '127.0.0.1', function () {
		if (portFile) {
			fs.writeFileSync(portFile + '.tmp', server.address().port + '\n');
			fs.renameSync(portFile + '.tmp', portFile);
		}
		if (typeof done === 'function')
			done.apply(this, arguments);
	});
};
require(path.join(__dirname, 'node_modules', 'xapi-statements', 'dist', 'index.js'));
