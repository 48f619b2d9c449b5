# The Broadsheet processes behind Varnish, included by broadsheet.vcl. Two on this machine here (PORT=3001 and
# PORT=3002, see docs/deploy.md); to add a process, add a backend like these and one `app.add_backend` line.
# The probe asks /healthz, which answers 503 when the process cannot reach its database: a process that is
# dead or cut off is skipped within a few seconds, and one that comes back is used again.
vcl 4.1;

probe broadsheet_health {
  .url = "/healthz";
  .interval = 2s;
  .timeout = 1s;
  .window = 3;
  .threshold = 2;
  .initial = 2;
}

backend app1 {
  .host = "127.0.0.1";
  .port = "3001";
  .probe = broadsheet_health;
  .connect_timeout = 1s;
  .first_byte_timeout = 30s;
}

backend app2 {
  .host = "127.0.0.1";
  .port = "3002";
  .probe = broadsheet_health;
  .connect_timeout = 1s;
  .first_byte_timeout = 30s;
}

sub vcl_init {
  new app = directors.round_robin();
  app.add_backend(app1);
  app.add_backend(app2);
}
