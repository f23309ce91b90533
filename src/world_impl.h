/* Internal: the world's fields, for modules that need librdf directly. */
#ifndef NKG_WORLD_IMPL_H
#define NKG_WORLD_IMPL_H

#include <redland.h>

#include "newskg/world.h"

struct nkg_world {
	librdf_world *rdf;
	nkg_error_func on_error;
	void *handle;
};

#endif
