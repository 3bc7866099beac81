// A TCP proxy a test can cut: `cut()` drops every connection and refuses new ones (the server looks
// down, as during a restart); `restore()` accepts again.
import net from 'node:net';

export class CuttableProxy {
  private readonly server: net.Server;
  private readonly socks = new Set<net.Socket>();
  private down = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = net.createServer((client) => {
      if (this.down) return client.destroy();
      const up = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, up]) {
        this.socks.add(s);
        s.once('close', () => this.socks.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(up).pipe(client);
      client.once('close', () => up.destroy());
      up.once('close', () => client.destroy());
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  cut(): void {
    this.down = true;
    for (const s of this.socks) s.destroy();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((r) => this.server.close(r));
  }
}
