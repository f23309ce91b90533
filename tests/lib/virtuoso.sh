# Sourced by the tests and the bench: a throw-away Virtuoso on loopback.
#
#   virtuoso_start DIR   database, ini and log in DIR (created); sets
#                        VIRT_HTTP (http://127.0.0.1:PORT), VIRT_SQL
#                        (127.0.0.1:PORT for isql-vt) and VIRT_DIR; the
#                        SPARQL user may then update graphs, as the Graph
#                        Store endpoint needs.  Returns 1 with the log's
#                        tail on stderr when the server does not come up.
#   virtuoso_isql SQL    runs SQL as dba
#   virtuoso_stop        shuts it down (safe to call twice)
#   graphs_of FILE.nq    the graph IRIs an N-Quads file names, sorted, once
#
# Ports are chosen free by the kernel, so two runs never collide.

virtuoso_free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

virtuoso_start() {
	VIRT_DIR=$1
	mkdir -p "$VIRT_DIR"
	local sql http
	sql=$(virtuoso_free_port)
	http=$(virtuoso_free_port)
	cat > "$VIRT_DIR/virtuoso.ini" <<INI
[Database]
DatabaseFile       = $VIRT_DIR/virtuoso.db
ErrorLogFile       = $VIRT_DIR/virtuoso.log
LockFile           = $VIRT_DIR/virtuoso.lck
TransactionFile    = $VIRT_DIR/virtuoso.trx
xa_persistent_file = $VIRT_DIR/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase
[TempDatabase]
DatabaseFile       = $VIRT_DIR/virtuoso-temp.db
TransactionFile    = $VIRT_DIR/virtuoso-temp.trx
Striping           = 0
[Parameters]
ServerPort           = 127.0.0.1:$sql
DisableUnixSocket    = 1
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., $VIRT_DIR
NumberOfBuffers      = 170000
MaxDirtyBuffers      = 130000
MaxQueryMem          = 1G
ThreadsPerQuery      = 2
[HTTPServer]
ServerPort           = 127.0.0.1:$http
ServerRoot           = $VIRT_DIR
MaxClientConnections = 10
ServerThreads        = 10
KeepAliveTimeout     = 10
Charset              = UTF-8
[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryExecutionTime      = 600
MaxQueryCostEstimationTime = 600
INI
	VIRT_SQL=127.0.0.1:$sql
	VIRT_HTTP=http://127.0.0.1:$http
	(cd "$VIRT_DIR" && virtuoso-t +configfile "$VIRT_DIR/virtuoso.ini" +wait) \
		> "$VIRT_DIR/start.log" 2>&1 || {
		echo "virtuoso: the server did not start; $VIRT_DIR/virtuoso.log says:" >&2
		tail -n 20 "$VIRT_DIR/virtuoso.log" >&2 2>/dev/null
		return 1
	}
	virtuoso_isql 'grant SPARQL_UPDATE to "SPARQL";' > /dev/null || return 1
	# The HTTP listener may come up a moment after +wait returns.
	local i
	for i in $(seq 1 50); do
		curl -s -o /dev/null "$VIRT_HTTP/sparql?query=ASK%7B%7D" && return 0
		sleep 0.2
	done
	echo "virtuoso: no answer on $VIRT_HTTP" >&2
	return 1
}

virtuoso_isql() {
	isql-vt "$VIRT_SQL" dba dba exec="$1"
}

virtuoso_stop() {
	[ -n "${VIRT_SQL:-}" ] || return 0
	virtuoso_isql 'shutdown;' > /dev/null 2>&1 || true
	# Wait for the lock file to go, so DIR can be removed safely.
	local i
	for i in $(seq 1 50); do
		[ -e "$VIRT_DIR/virtuoso.lck" ] || break
		sleep 0.2
	done
	VIRT_SQL=
}

graphs_of() { sed -n 's/.*<\([^>]*\)> \.$/\1/p' "$1" | sort -u; }
