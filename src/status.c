/* Status strings. */
#include "newskg/status.h"

const char *nkg_strerror(nkg_status st)
{
	switch (st) {
	case NKG_SUCCESS: return "success";
	case NKG_END: return "end of input";
	case NKG_ERR_UNKNOWN: return "unexpected error";
	case NKG_ERR_NOMEM: return "out of memory";
	case NKG_ERR_IO: return "input/output error";
	case NKG_ERR_UTF8: return "invalid UTF-8";
	case NKG_ERR_EMPTY: return "empty article";
	case NKG_ERR_BINARY: return "binary data (NUL byte)";
	case NKG_ERR_JSON: return "malformed JSON";
	case NKG_ERR_TOO_BIG: return "input too large";
	case NKG_ERR_LEXICON: return "bad lexicon";
	case NKG_ERR_ICU: return "ICU error";
	case NKG_ERR_RDF: return "RDF library error";
	case NKG_ERR_ARG: return "bad argument";
	case NKG_ERR_FORMAT: return "unknown format";
	case NKG_ERR_QUERY: return "SPARQL syntax error";
	case NKG_ERR_UNSUPPORTED: return "not supported by the query engine";
	case NKG_ERR_STORE: return "store error";
	case NKG_ERR_HTTP: return "HTTP request refused";
	case NKG_ERR_NETWORK: return "network error";
	}
	return "unknown status";
}
