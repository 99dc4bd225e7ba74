#!/usr/bin/env bash
# Installs the store appliance on a Debian 12 mini-PC (as root), from a checkout of this repository:
#   sudo deploy/systemd/install.sh [--listen http://0.0.0.0:5080] [--dry-run]
# It installs PostgreSQL from Debian, creates the 'pos' user and database (peer authentication over the
# Unix socket, so no password exists to leak), publishes the appliance to /opt/pos/appliance, writes
# /etc/pos/appliance.env (mode 0640, root:pos) with a generated admin token, installs the pos-backup command
# (/usr/local/sbin/pos-backup) and enables pos-appliance.service (Type=notify with a watchdog, Restart=always).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LISTEN="http://0.0.0.0:5080"
DRY=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --listen) LISTEN="$2"; shift 2 ;;
    --dry-run) DRY=1; shift ;;
    *) echo "usage: $0 [--listen URL] [--dry-run]" >&2; exit 2 ;;
  esac
done

run() { echo "+ $*"; [[ $DRY -eq 1 ]] || "$@"; }
[[ $DRY -eq 1 || $(id -u) -eq 0 ]] || { echo "error: run as root (sudo $0)" >&2; exit 1; }
command -v dotnet >/dev/null || { echo "error: install the .NET 10 SDK or runtime first" >&2; exit 1; }

echo "==> PostgreSQL"
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  run apt-get update
  run env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
fi
run systemctl enable --now postgresql

echo "==> the pos user, its folders and its database"
id pos >/dev/null 2>&1 || run useradd --system --home-dir /var/lib/pos --shell /usr/sbin/nologin pos
run install -d -o pos -g pos -m 0750 /var/lib/pos
# The nightly backups (pg_dump, custom format): the appliance writes them here and keeps the newest POS_BACKUP_KEEP.
run install -d -o pos -g pos -m 0750 /var/lib/pos/backups
run install -d -m 0755 /opt/pos /etc/pos
if [[ $DRY -eq 0 ]] && ! runuser -u postgres -- psql -tAc "select 1 from pg_roles where rolname = 'pos'" | grep -q 1; then
  run runuser -u postgres -- createuser pos
fi
if [[ $DRY -eq 0 ]] && ! runuser -u postgres -- psql -tAc "select 1 from pg_database where datname = 'pos'" | grep -q 1; then
  run runuser -u postgres -- createdb -O pos pos
fi

echo "==> publishing the appliance to /opt/pos/appliance"
run dotnet publish "$ROOT/Appliance/Appliance.csproj" -c Release -o /opt/pos/appliance -nologo -v quiet
echo "==> publishing the staff app to /opt/pos/appliance/staff-app (served at /)"
run dotnet publish "$ROOT/StaffApp/StaffApp.csproj" -c Release -o /opt/pos/appliance/staff-app -nologo -v quiet
run install -m 0644 "$ROOT/README.md" /opt/pos/README.md

echo "==> configuration in /etc/pos/appliance.env"
if [[ ! -f /etc/pos/appliance.env ]]; then
  token="$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"  # 43 characters; the appliance refuses under 32
  if [[ $DRY -eq 0 ]]; then
    umask 077
    cat > /etc/pos/appliance.env <<ENV
POS_DB=Host=/var/run/postgresql;Username=pos;Database=pos
POS_DATA=/var/lib/pos
POS_URLS=$LISTEN
POS_ADMIN_TOKEN=$token
POS_TIMEZONE=$(cat /etc/timezone 2>/dev/null || echo UTC)
POS_DAY_STARTS=04:00
# Local backups in /var/lib/pos/backups (README: Operations, Backup and restore): the newest 7, taken at 03:30 store
# time (a cron expression; off for none). Copy them off the machine too: a backup on the same disk dies with it.
#POS_BACKUP_KEEP=7
#POS_BACKUP_CRON=30 3 * * *
# HTTPS with your own certificate (PEM; put the files in /etc/pos/tls, group pos, mode 0640), e.g.
#POS_URLS=http://0.0.0.0:5080;https://0.0.0.0:5443
#POS_TLS_CERT=/etc/pos/tls/fullchain.pem
#POS_TLS_KEY=/etc/pos/tls/privkey.pem
# The link to headquarters: register the store in the cloud (PUT /cloud/v1/stores/<id>, HQ token),
# put the secret it shows once here, uncomment the three lines, and restart pos-appliance.
#POS_CLOUD_URL=https://cloud.example.com
#POS_STORE_ID=downtown
#POS_STORE_SECRET=
ENV
    chown root:pos /etc/pos/appliance.env
    chmod 0640 /etc/pos/appliance.env
  fi
  echo "admin token generated: POS_ADMIN_TOKEN in /etc/pos/appliance.env (root and the pos group may read it; it is not printed)"
else
  echo "keeping the existing /etc/pos/appliance.env"
fi

echo "==> the pos-backup command (/usr/local/sbin/pos-backup now|list|restore)"
if [[ $DRY -eq 0 ]]; then
  cat > /usr/local/sbin/pos-backup <<'SH'
#!/usr/bin/env bash
# The store's local backups (README: Operations, Backup and restore), as the pos user, with the appliance's settings:
#   sudo pos-backup now | list | restore FILE --into 'Host=/var/run/postgresql;Username=pos;Database=pos_restored'
set -euo pipefail
[[ $(id -u) -eq 0 ]] || { echo "error: run as root (sudo pos-backup ...)" >&2; exit 1; }
# Only the lines the command reads; a connection string's ';' would end a line sourced by the shell.
settings=()
while IFS= read -r line; do
  [[ "$line" =~ ^(POS_DB|POS_DATA|POS_BACKUP_KEEP|POS_BACKUP_CRON|POS_PG_BIN)= ]] && settings+=("$line")
done < /etc/pos/appliance.env
cd /opt/pos/appliance
exec runuser -u pos -- env "${settings[@]}" /usr/bin/dotnet /opt/pos/appliance/Pos.Appliance.dll backup "$@"
SH
  chmod 0755 /usr/local/sbin/pos-backup
else
  echo "+ write /usr/local/sbin/pos-backup"
fi

echo "==> systemd"
run install -m 0644 "$ROOT/deploy/systemd/pos-appliance.service" /etc/systemd/system/pos-appliance.service
run systemctl daemon-reload
run systemctl enable --now pos-appliance.service
echo "done: check with 'systemctl status pos-appliance' and 'curl ${LISTEN/0.0.0.0/127.0.0.1}/health/ready'"
