/* Where a rule fires: accusations and denials from triggers, by frame, with
 * agents found in Arabic word order (VSO or SVO), coordination, reported
 * speech and the discourse, and targets of incidents. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "utf8.h"

#define WINDOW 14

typedef struct {
	const nkg_entity *e[NKG_MAX_GROUP];
	const nkg_entity *voice[NKG_MAX_GROUP];
	size_t n;
	size_t first, last; /* item range */
} group;

/* An empty group.  Only what n counts is ever read: the arrays are left
 * as they are (a group is some 280 bytes, cleared for every frame and
 * every group found). */
static void group_clear(group *g)
{
	g->n = 0;
	g->first = g->last = 0;
}

static const nkg_item *item(const nkg_sentence_ctx *s, size_t i)
{
	return &s->items[i];
}

/* `&`, not `&&`, on purpose: both tests are cheap, and one branch on
 * their product mispredicts less than two (the casts tell clang so). */
static int cue_at(const nkg_sentence_ctx *s, size_t i, nkg_cue c)
{
	return i < s->n &&
	       ((int)(nkg_item_has(item(s, i), c) != 0) & (int)(item(s, i)->type != NKG_IT_ACTOR));
}

/* cue_at for any of the cues of a set (bits 1u << nkg_cue). */
static int cue_in(const nkg_sentence_ctx *s, size_t i, unsigned cues)
{
	return i < s->n &&
	       ((int)((item(s, i)->cues & cues) != 0) & (int)(item(s, i)->type != NKG_IT_ACTOR));
}

/* Out of line: most items asked are not punctuation, and the test of
 * the type alone is best where it is asked. */
static int punct_in(const nkg_sentence_ctx *s, const nkg_item *it, const char *chars)
{
	return nkg_norm_in(chars, &s->text->tokens[it->tb]);
}

static inline int punct_at(const nkg_sentence_ctx *s, size_t i, const char *chars)
{
	const nkg_item *it = item(s, i);
	return it->type == NKG_IT_PUNCT && punct_in(s, it, chars);
}

static const char *norm_at(const nkg_sentence_ctx *s, size_t i)
{
	return s->text->tokens[item(s, i)->tb].norm;
}

static int sentence_has(const nkg_sentence_ctx *s, int cue)
{
	return (s->cues >> cue) & 1u;
}

/* Every cue of the set `cues` (bits 1u << nkg_cue) is in the sentence. */
static int sentence_has_all(const nkg_sentence_ctx *s, unsigned cues)
{
	return (cues & ~s->cues) == 0;
}

/* Whether cue_at can be true anywhere in the sentence for one of `cues`. */
static int may_cue(const nkg_sentence_ctx *s, unsigned cues)
{
	return (s->free_cues & cues) != 0;
}

/* The first item from i on where cue_at holds for one of `cues`, or s->n. */
static size_t next_cue(const nkg_sentence_ctx *s, size_t i, unsigned cues)
{
	if (!may_cue(s, cues))
		return s->n;
	/* one branch an item: few have the cue */
	while (i < s->n && ((s->items[i].type == NKG_IT_ACTOR) | !(s->items[i].cues & cues)))
		i++;
	return i;
}

void nkg_rules_survey(nkg_sentence_ctx *s)
{
	unsigned cues = 0, free_cues = 0, types = 0, actor_flags = 0;
	const nkg_entity *company = NULL;
	size_t i;
	/* selects, not branches: actors and the rest come in no order */
	for (i = 0; i < s->n; i++) {
		const nkg_item *it = &s->items[i];
		int is_actor = it->type == NKG_IT_ACTOR;
		unsigned actor = 0u - (unsigned)is_actor;
		cues |= it->cues;
		types |= 1u << it->type;
		free_cues |= it->cues & ~actor;
		actor_flags |= it->flags & actor;
		company = (is_actor & (it->kind == NKG_KIND_COMPANY)) ? it->entity : company;
	}
	s->cues = cues;
	s->free_cues = free_cues;
	s->types = types;
	s->actor_flags = actor_flags;
	s->company = company;
}

/* ---- who an actor is, in each role --------------------------------------------- */

/* The state or organisation that speaks when `e` speaks. */
static const nkg_entity *as_agent(const nkg_entity *e, const nkg_entity **voice)
{
	if ((e->kind == NKG_KIND_GOVBODY || e->kind == NKG_KIND_PERSON) && e->part_of) {
		if (voice && !*voice)
			*voice = e;
		return e->part_of;
	}
	if (e->kind == NKG_KIND_GROUP || e->kind == NKG_KIND_PRODUCT || e->kind == NKG_KIND_MALWARE)
		return NULL;
	return e;
}

/* Who is blamed when `e` is blamed. */
static const nkg_entity *as_accused(const nkg_entity *e)
{
	if (e->kind == NKG_KIND_GOVBODY && e->part_of && !(e->flags & NKG_ENT_ACTS_ALONE))
		return e->part_of;
	if (e->kind == NKG_KIND_PRODUCT || e->kind == NKG_KIND_MALWARE)
		return NULL;
	return e;
}

/* ---- groups ---------------------------------------------------------------------- */

static int anaphor_at(const nkg_sentence_ctx *s, size_t i)
{
	return i < s->n && item(s, i)->type == NKG_IT_CUE && nkg_item_has(item(s, i), NKG_CUE_BODY);
}

/* The entity an unresolved body word ("البيان", "الشركة") stands for. */
static const nkg_entity *anaphor(const nkg_sentence_ctx *s, size_t i, const nkg_entity **voice)
{
	if (strstr(norm_at(s, i), "\xd8\xb4\xd8\xb1\xd9\x83\xd9\x87")) /* شركه */
		return s->dis->company;
	if (voice)
		*voice = s->dis->voice;
	return s->dis->agent;
}

static void group_add(group *g, const nkg_entity *e, const nkg_entity *voice)
{
	size_t k;
	if (!e || g->n >= NKG_MAX_GROUP)
		return;
	for (k = 0; k < g->n; k++)
		if (g->e[k] == e)
			return;
	g->e[g->n] = e;
	g->voice[g->n++] = voice;
}

static int is_actor(const nkg_sentence_ctx *s, size_t i)
{
	return i < s->n && item(s, i)->type == NKG_IT_ACTOR;
}

/* Index of the next coordinated actor after `i`, or 0. */
static size_t next_conjunct(const nkg_sentence_ctx *s, size_t i)
{
	size_t j, skipped = 0;
	for (j = i + 1; j < s->n && skipped <= 3; j++, skipped++) {
		const nkg_item *it = item(s, j);
		if (it->type == NKG_IT_ACTOR) {
			if (it->flags & NKG_ITF_CONJ)
				return j;
			if (it->entity == item(s, i)->entity || (it->flags & NKG_ITF_ADJ))
				continue; /* "حلف شمال الأطلسي (الناتو)" */
			/* a bare comma is no conjunction: "X، قائد …، Y" is apposition */
			if (item(s, j - 1)->type == NKG_IT_WORD && strcmp(norm_at(s, j - 1), "\xd9\x88") == 0)
				return j;
			return 0;
		}
		if (it->type == NKG_IT_PUNCT && punct_at(s, j, "()\"\xe2\x80\x9c\xe2\x80\x9d,\xd8\x8c"))
			continue;
		if (it->type == NKG_IT_WORD && strcmp(norm_at(s, j), "\xd9\x88") == 0)
			continue;
		return 0;
	}
	return 0;
}

/* The coordinated actors starting at item i ("الولايات المتحدة والاتحاد
 * الأوروبي وبريطانيا"), as agents (`agent`) or as accused. */
static void group_at(const nkg_sentence_ctx *s, size_t i, int agent, group *g)
{
	size_t j = i;
	group_clear(g);
	g->first = g->last = i;
	if (anaphor_at(s, i)) {
		const nkg_entity *v = NULL, *e = anaphor(s, i, &v);
		if (e) {
			/* as_agent may set the voice: call it before reading v */
			const nkg_entity *who = agent ? as_agent(e, &v) : as_accused(e);
			group_add(g, who, v);
		}
		return;
	}
	do {
		const nkg_item *it = item(s, j);
		if (agent) {
			const nkg_entity *v = it->voice;
			if (!(it->flags & NKG_ITF_ADJ) || (it->flags & NKG_ITF_BODY)) {
				const nkg_entity *who = as_agent(it->entity, &v);
				group_add(g, who, v);
			}
		} else {
			group_add(g, as_accused(it->entity), NULL);
		}
		g->last = j;
		j = next_conjunct(s, j);
	} while (j);
}

/* group_at(s, i, ...).last for an actor item i: where its coordinated
 * actors end, without reading them. */
static size_t last_conjunct(const nkg_sentence_ctx *s, size_t i)
{
	size_t j = i, last;
	do {
		last = j;
		j = next_conjunct(s, j);
	} while (j);
	return last;
}

/* The first actor item in (from, to), or 0. */
static size_t find_actor(const nkg_sentence_ctx *s, size_t from, size_t to)
{
	size_t j;
	for (j = from + 1; j < to && j < s->n; j++)
		if (is_actor(s, j))
			return j;
	return 0;
}

static int skippable(const nkg_sentence_ctx *s, size_t i)
{
	return cue_in(s, i, (1u << NKG_CUE_SKIP) | (1u << NKG_CUE_AUX)) ||
	       punct_at(s, i, ",\xd8\x8c()");
}

/* SVO: an actor group ending right before the verb at t. */
static size_t left_subject(const nkg_sentence_ctx *s, size_t t)
{
	size_t j = t, k;
	while (j > 0 && skippable(s, j - 1))
		j--;
	if (j == 0)
		return (size_t)-1;
	j--;
	if (anaphor_at(s, j))
		return j;
	if (!is_actor(s, j) || ((item(s, j)->flags & NKG_ITF_ADJ) && !(item(s, j)->flags & NKG_ITF_BODY)))
		return (size_t)-1;
	/* walk back to the first conjunct */
	for (k = 0; k < j; k++)
		if (is_actor(s, k) && last_conjunct(s, k) == j)
			return k;
	return j;
}

/* ---- facts ------------------------------------------------------------------------- */

/* doc->facts grows by doubling: its capacity is the power of two (8 at
 * least) that n_facts fills, so it needs no field of its own. */
static nkg_status fact_room(nkg_doc *d)
{
	size_t n = d->n_facts;
	nkg_fact *f;
	if (n && (n < 8 || (n & (n - 1))))
		return NKG_SUCCESS;
	if (!(f = realloc(d->facts, (n ? n * 2 : 8) * sizeof *f)))
		return NKG_ERR_NOMEM;
	d->facts = f;
	return NKG_SUCCESS;
}

static nkg_status add_fact(nkg_sentence_ctx *s, nkg_fact_kind kind, const nkg_entity *agent,
                           const nkg_entity *voice, const nkg_entity *accused, const char *rule)
{
	nkg_doc *d = s->doc;
	nkg_fact *f;
	size_t i;

	if (!agent || (kind == NKG_FACT_ACCUSE && (!accused || accused == agent)))
		return NKG_SUCCESS;
	if (kind == NKG_FACT_DENY && !s->denier) {
		s->denier = agent;
		s->denier_voice = voice;
	}
	if (kind == NKG_FACT_ACCUSE && accused->part_of == agent && !(accused->flags & NKG_ENT_ACTS_ALONE))
		return NKG_SUCCESS;
	for (i = 0; i < d->n_facts; i++) {
		f = &d->facts[i];
		/* one branch a fact: few are the same */
		if ((f->kind == kind) & (f->agent == agent) & (f->accused == accused) &&
		    (kind == NKG_FACT_ACCUSE ? f->sentence == s->index : 1))
			return NKG_SUCCESS; /* one denial per denier and article */
	}
	if (fact_room(d))
		return NKG_ERR_NOMEM;
	f = &d->facts[d->n_facts++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->agent = agent;
	f->accused = kind == NKG_FACT_ACCUSE ? accused : NULL;
	f->spokesperson = voice;
	f->sentence = s->index;
	f->incident = NKG_NONE;
	f->rule = rule;
	s->dis->agent = agent;
	s->dis->voice = voice;
	return NKG_SUCCESS;
}

static nkg_status add_all(nkg_sentence_ctx *s, nkg_fact_kind kind, const group *agents,
                          const group *accused, const char *rule)
{
	size_t a, b;
	nkg_status st = NKG_SUCCESS;
	for (a = 0; a < agents->n && !st; a++) {
		if (kind == NKG_FACT_DENY) {
			st = add_fact(s, kind, agents->e[a], agents->voice[a], NULL, rule);
			continue;
		}
		for (b = 0; b < accused->n && !st; b++)
			st = add_fact(s, kind, agents->e[a], agents->voice[a], accused->e[b], rule);
	}
	if (kind == NKG_FACT_ACCUSE && accused->n) {
		memcpy(s->dis->accused, accused->e, accused->n * sizeof *accused->e);
		s->dis->n_accused = accused->n;
	}
	return st;
}

/* Whether the word at item i is one of the words that named the last
 * speaker: "وقال لو" after "المتحدث باسم الخارجية لو قانغ". */
static int names_last_speaker(const nkg_sentence_ctx *s, size_t i)
{
	const char *w;
	size_t k;
	if (i >= s->n || item(s, i)->type != NKG_IT_WORD || !s->dis->speaker)
		return 0;
	w = norm_at(s, i);
	if (nkg_utf8_count(w, strlen(w)) < 2)
		return 0;
	for (k = s->dis->speaker_tb; k < s->dis->speaker_te; k++)
		if (strcmp(s->text->tokens[k].norm, w) == 0)
			return 1;
	return 0;
}

#define SAYS ((1u << NKG_CUE_SOURCE) | (1u << NKG_CUE_SPEECH))

/* The sentence's own speaker: "X: …" headlines, "وفقا لـ X", "قال X". */
static void speaker(const nkg_sentence_ctx *s, group *g)
{
	size_t i;
	group_clear(g);
	if (s->n > 1 && is_actor(s, 0) && punct_at(s, 1, ":")) {
		group_at(s, 0, 1, g);
		return;
	}
	for (i = next_cue(s, 0, SAYS); i < s->n; i = next_cue(s, i + 1, SAYS)) {
		size_t a;
		if (cue_at(s, i, NKG_CUE_SOURCE) && (a = find_actor(s, i, i + 3))) {
			group_at(s, a, 1, g);
			return;
		}
		if (!cue_at(s, i, NKG_CUE_SPEECH))
			continue;
		if ((a = left_subject(s, i)) != (size_t)-1) {
			group_at(s, a, 1, g);
			return;
		}
		if (names_last_speaker(s, i + 1)) {
			group_add(g, s->dis->speaker, s->dis->speaker_voice);
			g->first = g->last = i + 1;
			return;
		}
		if ((a = find_actor(s, i, i + 6)) || (anaphor_at(s, i + 1) && (a = i + 1))) {
			group_at(s, a, 1, g);
			if (g->n)
				return;
		}
	}
}

/* The subject of the sentence before item t: the last institution that
 * speaks in it ("أصدرت السفارة الصينية بياناً …"), else an actor opening
 * the sentence. */
static void clause_subject(const nkg_sentence_ctx *s, size_t t, group *g)
{
	size_t i;
	group_clear(g);
	for (i = t; i-- > 0;)
		if (is_actor(s, i) && (item(s, i)->flags & NKG_ITF_BODY) && !(item(s, i)->flags & NKG_ITF_PREP)) {
			group_at(s, i, 1, g);
			return;
		}
	for (i = 0; i < t && i <= 4; i++)
		if (is_actor(s, i) && !(item(s, i)->flags & (NKG_ITF_ADJ | NKG_ITF_PREP | NKG_ITF_HACKERS))) {
			group_at(s, i, 1, g);
			return;
		}
}

static void fallback_agent(const nkg_sentence_ctx *s, const group *spk, size_t t, group *g)
{
	if (spk->n) {
		*g = *spk;
		return;
	}
	clause_subject(s, t, g);
	if (g->n)
		return;
	group_add(g, s->dis->agent, s->dis->voice);
}

/* An unknown word carrying ب or ل ("بأنشطة"): the verb's object has begun. */
static int prep_word(const char *w)
{
	return nkg_utf8_count(w, strlen(w)) >= 4 && (strncmp(w, "\xd8\xa8", 2) == 0 || strncmp(w, "\xd9\x84", 2) == 0);
}

static int prep_between(const nkg_sentence_ctx *s, size_t a, size_t b)
{
	size_t j;
	for (j = a + 1; j <= b && j < s->n; j++)
		if ((item(s, j)->flags & NKG_ITF_PREP) || cue_at(s, j, NKG_CUE_PRONOUN) ||
		    (item(s, j)->type == NKG_IT_WORD && j < b && prep_word(norm_at(s, j))) ||
		    cue_at(s, j, NKG_CUE_TO) || cue_at(s, j, NKG_CUE_TARGET_PREP))
			return 1;
	return 0;
}

static size_t words_between(const nkg_sentence_ctx *s, size_t a, size_t b)
{
	size_t j, n = 0;
	for (j = a + 1; j < b; j++)
		if (!skippable(s, j) && item(s, j)->type != NKG_IT_PUNCT)
			n++;
	return n;
}

/* Actors named after a co-agent cue ("مدعومة بحلفائها من …") join the
 * agents; returns the item after them. */
static size_t co_agents(const nkg_sentence_ctx *s, size_t from, group *agents)
{
	size_t j, a, k;
	for (j = from + 1; j < s->n && j <= from + 3; j++) {
		if (!cue_at(s, j, NKG_CUE_COAGENT))
			continue;
		if ((a = find_actor(s, j, j + 6))) {
			group g;
			group_at(s, a, 1, &g);
			for (k = 0; k < g.n; k++)
				group_add(agents, g.e[k], g.voice[k]);
			return g.last;
		}
	}
	return from;
}

/* The agent named by "من قبل X" right after the group ending at `last`,
 * or 0. */
static size_t passive_agent(const nkg_sentence_ctx *s, size_t last)
{
	size_t j;
	for (j = last + 1; j < s->n && j <= last + 2; j++)
		if (cue_at(s, j, NKG_CUE_BY))
			return find_actor(s, j, j + 3);
	return 0;
}

/* "تم اتهام روسيا من قبل بريطانيا": the patient comes first; without
 * "من قبل" the agent is the speaker ("قالت X إنه تم اتهام Y"). */
static nkg_status passive_frame(nkg_sentence_ctx *s, size_t t, const group *spk)
{
	size_t r = find_actor(s, t, t + 4), a;
	group agents, accused;

	if (!r)
		return NKG_SUCCESS;
	group_at(s, r, 0, &accused);
	if ((a = passive_agent(s, accused.last)))
		group_at(s, a, 1, &agents);
	else
		agents = *spk;
	return add_all(s, NKG_FACT_ACCUSE, &agents, &accused, item(s, t)->trigger->rule);
}

/* `e` is an official or body of one of the agents. */
static int speaks_for(const nkg_entity *e, const group *agents)
{
	size_t k;
	if (!e->part_of || (e->flags & NKG_ENT_ACTS_ALONE))
		return 0;
	for (k = 0; k < agents->n; k++)
		if (agents->e[k] == e->part_of)
			return 1;
	return 0;
}

static nkg_status verb_frame(nkg_sentence_ctx *s, size_t t, const group *spk)
{
	const nkg_trigger *tr = item(s, t)->trigger;
	nkg_fact_kind kind = tr->relation == NKG_REL_DENY ? NKG_FACT_DENY : NKG_FACT_ACCUSE;
	size_t l = left_subject(s, t), r1 = find_actor(s, t, t + WINDOW), r2;
	group agents, accused;

	group_clear(&accused);
	if (l != (size_t)-1) {
		group_at(s, l, 1, &agents);
		if (r1)
			group_at(s, r1, 0, &accused);
	} else if (r1 && !prep_between(s, t, r1) && words_between(s, t, r1) <= 3 &&
	           !(item(s, r1)->flags & NKG_ITF_HACKERS)) {
		group_at(s, r1, 1, &agents);
		if ((r2 = passive_agent(s, agents.last))) {
			/* unvowelled passive: "اتُّهمت روسيا من قبل بريطانيا" */
			group_at(s, r2, 1, &agents);
			group_at(s, r1, 0, &accused);
		} else {
			r2 = find_actor(s, co_agents(s, agents.last, &agents), t + 2 * WINDOW);
			/* "اتهمت الولايات المتحدة على لسان وزير خارجيتها بلينكن
			 * الصين": the agent's own official is not whom it accuses */
			while (r2 && speaks_for(item(s, r2)->entity, &agents))
				r2 = find_actor(s, r2, t + 2 * WINDOW);
			if (r2)
				group_at(s, r2, 0, &accused);
		}
	} else {
		fallback_agent(s, spk, t, &agents);
		if (r1)
			group_at(s, r1, 0, &accused);
	}
	if (kind == NKG_FACT_ACCUSE && !accused.n && agents.n) {
		/* "دان X هذا النشاط": the activity of whoever was blamed last */
		size_t k;
		for (k = 0; k < s->dis->n_accused; k++)
			group_add(&accused, s->dis->accused[k], NULL);
	}
	return add_all(s, kind, &agents, &accused, tr->rule);
}

static nkg_status participle_frame(nkg_sentence_ctx *s, size_t t, const group *spk)
{
	const nkg_trigger *tr = item(s, t)->trigger;
	size_t r = find_actor(s, t, t + 3);
	group agents, accused;
	size_t f;

	if (!r || prep_between(s, t, r - 1))
		return NKG_SUCCESS;
	group_clear(&agents);
	/* the subject of the main verb: who denies ("نفت X …، متهمة Y"), else
	 * the agent of the sentence's first fact, else the speaker */
	group_add(&agents, s->denier, s->denier_voice);
	for (f = s->doc->n_facts; !agents.n && f-- > 0 && s->doc->facts[f].sentence == s->index;)
		if (f == 0 || s->doc->facts[f - 1].sentence != s->index)
			group_add(&agents, s->doc->facts[f].agent, s->doc->facts[f].spokesperson);
	if (!agents.n) {
		size_t i;
		for (i = 0; i < t && !agents.n; i++)
			if (is_actor(s, i) && !(item(s, i)->flags & (NKG_ITF_ADJ | NKG_ITF_PREP)))
				group_at(s, i, 1, &agents);
	}
	if (!agents.n)
		fallback_agent(s, spk, t, &agents);
	group_at(s, r, 0, &accused);
	return add_all(s, NKG_FACT_ACCUSE, &agents, &accused, tr->rule);
}

static int is_denial(const nkg_sentence_ctx *s, size_t i)
{
	return item(s, i)->type == NKG_IT_TRIGGER && item(s, i)->trigger->relation == NKG_REL_DENY;
}

static int denial_after(const nkg_sentence_ctx *s, size_t t)
{
	size_t j;
	if (!(s->types & (1u << NKG_IT_TRIGGER)))
		return 0; /* no denial without a trigger: no need to look */
	for (j = t + 1; j < s->n && !cue_at(s, j, NKG_CUE_CONTRAST); j++)
		if (is_denial(s, j))
			return 1;
	return 0;
}

/* A name written with the preposition ل: "لموسكو". */
static int lam_prefixed(const nkg_sentence_ctx *s, size_t i)
{
	return (item(s, i)->flags & NKG_ITF_PREP) && strncmp(norm_at(s, i), "\xd9\x84", 2) == 0;
}

/* "الاتهامات التي وجهتها X إلى Y", "اتهامات ويلينغتون", "الاتهامات
 * الأميركية بأن موسكو …", "صدر هذا التنديد من X و Y". */
static nkg_status noun_frame(nkg_sentence_ctx *s, size_t t, const group *spk)
{
	const nkg_trigger *tr = item(s, t)->trigger;
	group agents, accused;
	size_t j, a = 0, y = 0, end = t + 8 < s->n ? t + 8 : s->n;
	int pronoun = 0;

	group_clear(&agents);
	group_clear(&accused);
	if ((a = left_subject(s, t)) != (size_t)-1 && a > 0 && cue_at(s, a - 1, NKG_CUE_DIRECT)) {
		/* "وجهت X تهما إلى Y": the verb's subject stands before the noun */
		group_at(s, a, 1, &agents);
		for (j = t + 1; j < end && j <= t + 6 && !y; j++)
			if (is_actor(s, j) && !(item(s, j)->flags & NKG_ITF_ADJ))
				y = j;
		if (y)
			group_at(s, y, 0, &accused);
		return add_all(s, NKG_FACT_ACCUSE, &agents, &accused, tr->rule);
	}
	a = 0;
	for (j = t + 1; j < end && !a; j++) {
		if (punct_at(s, j, ".:"))
			break;
		if (cue_in(s, j, (1u << NKG_CUE_DIRECT) | (1u << NKG_CUE_FROM) | (1u << NKG_CUE_BY))) {
			size_t k;
			for (k = j + 1; k < end && k <= j + 4; k++) {
				if (cue_at(s, k, NKG_CUE_PRONOUN))
					pronoun = 1;
				if ((cue_at(s, k, NKG_CUE_TO) || (item(s, k)->flags & NKG_ITF_PREP)) &&
				    is_actor(s, k + (item(s, k)->type != NKG_IT_ACTOR))) {
					y = k + (item(s, k)->type != NKG_IT_ACTOR);
					k = y;
					continue;
				}
				if (is_actor(s, k)) {
					a = k;
					break;
				}
			}
			break;
		}
		if (is_actor(s, j) && j <= t + 5 && !(item(s, j)->flags & NKG_ITF_PREP))
			a = j; /* genitive or nisba: the accuser */
		else if (is_actor(s, j) && j == t + 1 && lam_prefixed(s, j))
			y = j; /* "الاتهامات لروسيا": the accused */
		else if (is_actor(s, j) && (item(s, j)->flags & NKG_ITF_PREP))
			continue; /* "اتهامات المرشحة للرئاسة الأميركية X" */
		else if (cue_at(s, j, NKG_CUE_RELATIVE) || punct_at(s, j, "\"\xe2\x80\x9c\xe2\x80\x9d") ||
		         (item(s, j)->type == NKG_IT_TRIGGER && item(s, j)->trigger->frame == NKG_FRAME_PHRASE))
			continue; /* "اتهامات “لا أساس لها” وجهتها …" */
		else if (item(s, j)->type != NKG_IT_WORD)
			break;
	}
	if (!a)
		return NKG_SUCCESS;
	group_at(s, a, 1, &agents);
	if (!agents.n && (item(s, a)->flags & NKG_ITF_ADJ)) {
		/* "الاتهامات الأميركية": the nisba names the accuser */
		const nkg_entity *v = NULL, *e = as_agent(item(s, a)->entity, &v);
		group_add(&agents, e, v);
		agents.last = a;
	}
	if (!y) {
		for (j = agents.last + 1; j < s->n && j <= agents.last + 6; j++) {
			if (is_actor(s, j) && (item(s, j)->flags & NKG_ITF_ADJ) && !(item(s, j)->flags & NKG_ITF_HACKERS))
				continue;
			if (is_actor(s, j)) {
				y = j;
				break;
			}
		}
	}
	if (y)
		group_at(s, y, 0, &accused);
	else {
		if (s->denier)
			group_add(&accused, s->denier, NULL);
		else if (denial_after(s, t)) {
			/* "قال X إن اتهامات Y لا أساس لها", "وصف X اتهامات Y بأنها
			 * مزاعم": Y accused X */
			group who;
			if (spk->n)
				who = *spk;
			else
				clause_subject(s, t, &who);
			for (j = 0; j < who.n; j++)
				group_add(&accused, who.e[j], NULL);
		}
		else if (!pronoun)
			for (j = 0; j < s->dis->n_accused; j++)
				group_add(&accused, s->dis->accused[j], NULL);
	}
	return add_all(s, NKG_FACT_ACCUSE, &agents, &accused, tr->rule);
}

static nkg_status phrase_frame(nkg_sentence_ctx *s, size_t t, const group *spk)
{
	group agents, none;
	group_clear(&none);
	group_clear(&agents);
	if (s->denier)
		return NKG_SUCCESS;
	fallback_agent(s, spk, t, &agents);
	return add_all(s, NKG_FACT_DENY, &agents, &none, item(s, t)->trigger->rule);
}

/* Whether the clause reported at item i is what a denial of this sentence
 * denies: it follows a denying verb ("نفى X أن يكون Y وراء …"), or it
 * precedes a denying phrase in the same clause ("قال X إن القول بأن Y …
 * سخيف"). "لكن" and the like start a clause of their own. */
static int denied_clause(const nkg_sentence_ctx *s, size_t i)
{
	size_t j;
	if (!(s->types & (1u << NKG_IT_TRIGGER)))
		return 0; /* as denial_after */
	for (j = i; j-- > 0 && !cue_at(s, j, NKG_CUE_CONTRAST);)
		if (is_denial(s, j) && item(s, j)->trigger->frame == NKG_FRAME_VERB)
			return 1;
	return denial_after(s, i);
}

/* "إن الهجوم [الذي استهدف …] جاء من الصين / كان من تدبير إسرائيل": the
 * reported clause opens with the attack and links it to an actor. */
static size_t attack_from(const nkg_sentence_ctx *s, size_t i)
{
	size_t j;
	if (!cue_at(s, i + 1, NKG_CUE_INCIDENT))
		return 0;
	for (j = i + 2; j < s->n && j <= i + 12; j++) {
		if (punct_at(s, j, ".:") || cue_at(s, j, NKG_CUE_THAT) || item(s, j)->type == NKG_IT_TRIGGER)
			return 0;
		if (cue_at(s, j, NKG_CUE_LINK) && is_actor(s, j + 1))
			return j + 1;
	}
	return 0;
}

/* The first item from i on that may open a reported clause: "أن", or
 * the item right after the speaker ("X: …"). */
static size_t next_report(const nkg_sentence_ctx *s, size_t i, const group *spk)
{
	size_t c = next_cue(s, i, 1u << NKG_CUE_THAT);
	return spk->last + 1 >= i && spk->last + 1 < c ? spk->last + 1 : c;
}

/* "قال X إن Y شن الهجوم", "… أن قراصنة مرتبطين بالصين تمكنوا من …": the
 * speaker blames the subject of the reported clause when that clause is
 * about an attack. */

static nkg_status reported_speech(nkg_sentence_ctx *s, const group *spk)
{
	size_t i, j;
	nkg_status st = NKG_SUCCESS;
	if (!spk->n)
		return NKG_SUCCESS;
	for (i = next_report(s, 0, spk); i < s->n && !st; i = next_report(s, i + 1, spk)) {
		size_t subj = 0;
		int about_attack = 0, from_attack = 0;
		/* "X: Y وراء الهجوم" reports like "قال X إن Y …" */
		if (!(cue_at(s, i, NKG_CUE_THAT) || (i == spk->last + 1 && punct_at(s, i, ":"))) ||
		    denied_clause(s, i))
			continue;
		for (j = i + 1; j < s->n && j <= i + 3; j++) {
			if (is_actor(s, j) && (!(item(s, j)->flags & NKG_ITF_ADJ) ||
			                       (item(s, j)->flags & (NKG_ITF_BODY | NKG_ITF_HACKERS)))) {
				subj = j;
				break;
			}
			if (is_actor(s, j) || cue_at(s, j, NKG_CUE_THAT))
				break;
		}
		if (!subj && !(from_attack = (subj = attack_from(s, i)) != 0))
			continue;
		for (j = subj + 1; j < s->n && j <= subj + WINDOW && !about_attack; j++)
			about_attack = cue_in(s, j, (1u << NKG_CUE_INCIDENT) | (1u << NKG_CUE_LINK) |
			                            (1u << NKG_CUE_HACKER) | (1u << NKG_CUE_CYBER));
		if (about_attack || from_attack || (item(s, subj)->flags & NKG_ITF_HACKERS)) {
			group accused;
			group_at(s, subj, 0, &accused);
			st = add_all(s, NKG_FACT_ACCUSE, spk, &accused, "accuse.reported-speech");
		}
	}
	return st;
}

/* Each trigger by its frame, once its required cues are all there. */
static nkg_status triggers(nkg_sentence_ctx *s, const group *spk)
{
	size_t i;
	nkg_status st = NKG_SUCCESS;

	if (!(s->types & (1u << NKG_IT_TRIGGER)))
		return NKG_SUCCESS;
	for (i = 0; i < s->n && !st; i++) {
		const nkg_trigger *tr = item(s, i)->trigger;
		if (item(s, i)->type != NKG_IT_TRIGGER)
			continue;
		if (!sentence_has_all(s, tr->requires))
			continue;
		switch (tr->frame) {
		case NKG_FRAME_VERB: st = verb_frame(s, i, spk); break;
		case NKG_FRAME_PARTICIPLE: st = participle_frame(s, i, spk); break;
		case NKG_FRAME_NOUN: st = noun_frame(s, i, spk); break;
		case NKG_FRAME_PHRASE: st = phrase_frame(s, i, spk); break;
		case NKG_FRAME_PASSIVE: st = passive_frame(s, i, spk); break;
		}
	}
	return st;
}

nkg_status nkg_rules_relations(nkg_sentence_ctx *s)
{
	group spk;
	nkg_status st;

	speaker(s, &spk);
	st = triggers(s, &spk);

	if (!st)
		st = reported_speech(s, &spk);
	if (spk.n) {
		s->dis->agent = spk.e[0];
		s->dis->voice = spk.voice[0];
		s->dis->speaker = spk.e[0];
		s->dis->speaker_voice = spk.voice[0];
		if (is_actor(s, spk.first)) { /* a back-reference keeps the full name */
			size_t k = spk.last;
			/* with the person's name in apposition: "المتحدث … وانغ وين بين" */
			while (k + 1 < s->n && k < spk.last + 4 && item(s, k + 1)->type == NKG_IT_WORD)
				k++;
			s->dis->speaker_tb = item(s, spk.first)->tb;
			s->dis->speaker_te = item(s, k)->te;
		}
	}
	if (s->company)
		s->dis->company = s->company;
	return st;
}

/* ---- targets ---------------------------------------------------------------------- */

static void add_target(nkg_sentence_ctx *s, const nkg_entity *e)
{
	size_t k;
	if (!e || s->n_targets >= NKG_MAX_GROUP)
		return;
	for (k = 0; k < s->n_targets; k++)
		if (s->targets[k] == e)
			return;
	s->targets[s->n_targets++] = e;
}

#define CLAUSE_CUES ((1u << NKG_CUE_THAT) | (1u << NKG_CUE_CONTRAST) | (1u << NKG_CUE_SPEECH) | \
                     (1u << NKG_CUE_AUX) | (1u << NKG_CUE_LINK))

/* A target phrase: an actor that is not a bare nisba, or a product. A
 * new clause ("، لكن", "قال") ends the search; so does a comma where the
 * phrase has no preposition to hold it together (`states` == 0). */
static size_t target_at(const nkg_sentence_ctx *s, size_t from, size_t to, int states)
{
	size_t j;
	for (j = from + 1; j < to && j < s->n; j++) {
		const nkg_item *it = item(s, j);
		if (punct_at(s, j, ".:") || it->type == NKG_IT_TRIGGER || cue_in(s, j, CLAUSE_CUES) ||
		    (!states && punct_at(s, j, ",\xd8\x8c")))
			return 0;
		if (it->type == NKG_IT_THING && it->kind == NKG_KIND_PRODUCT)
			return j;
		if (it->type != NKG_IT_ACTOR || (it->flags & NKG_ITF_HACKERS))
			continue;
		/* a nisba on the noun hit is the country whose systems were hit
		 * ("البنوك الأوكرانية"); after anything else it is not a target
		 * ("هجوم إلكتروني روسي"), nor far from the cue ("عدداً من
		 * كبريات الشركات الأمريكية" is a generic victim) */
		if ((it->flags & NKG_ITF_ADJ) && !(it->flags & NKG_ITF_BODY) &&
		    (!states || j > from + 4 || item(s, j - 1)->type != NKG_IT_WORD))
			continue;
		if (!states && (it->kind == NKG_KIND_STATE || (it->flags & NKG_ITF_CAPITAL)))
			return 0;
		return j;
	}
	return 0;
}

static void add_target_group(nkg_sentence_ctx *s, size_t j)
{
	const nkg_item *it = item(s, j);
	if (it->type == NKG_IT_THING) {
		add_target(s, it->entity);
		return;
	}
	do {
		const nkg_entity *v = NULL;
		it = item(s, j);
		add_target(s, (it->flags & NKG_ITF_BODY) ? it->entity : as_agent(it->entity, &v) ? it->entity : NULL);
		/* "مايكروسوفت إكستشينج": the company's product named right after */
		if (j + 1 < s->n && item(s, j + 1)->type == NKG_IT_THING &&
		    item(s, j + 1)->entity->vendor == it->entity)
			add_target(s, item(s, j + 1)->entity);
		j = next_conjunct(s, j);
	} while (j);
}

/* Hackers are the subject of the verb at i: "مجموعة تعرف باسم X هاجمت". */
static int after_hackers(const nkg_sentence_ctx *s, size_t i)
{
	return i > 0 && is_actor(s, i - 1) && (item(s, i - 1)->flags & NKG_ITF_HACKERS);
}

/* The first plausible year written in the sentence ("في مارس 2021"). */
static int sentence_year(const nkg_sentence_ctx *s)
{
	size_t i;
	for (i = 0; i < s->n; i++) {
		const nkg_token *tok = &s->text->tokens[item(s, i)->tb];
		const char *w = tok->norm;
		/* zero for a word of four bytes (norm_len is strlen: article
		 * text holds no NUL); one test, not two, for every item */
		size_t other = (size_t)(item(s, i)->type ^ NKG_IT_WORD) | (tok->norm_len ^ 4);
		if (other == 0 && strspn(w, "0123456789") == 4) {
			int y = atoi(w);
			if (y >= 1990 && y <= 2039)
				return y;
		}
	}
	return 0;
}

#define TARGET_CUES ((1u << NKG_CUE_TARGET) | (1u << NKG_CUE_ASSAIL) | (1u << NKG_CUE_INCIDENT))

/* Whether find_targets has anything to do at the item. */
static int may_target(const nkg_item *it)
{
	return (it->type == NKG_IT_THING) | ((it->type != NKG_IT_ACTOR) & ((it->cues & TARGET_CUES) != 0));
}

/* Targets, and the malware or operation named, item by item. */
static void find_targets(nkg_sentence_ctx *s, int cyber)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		if (!may_target(item(s, i)))
			continue;
		if (item(s, i)->type == NKG_IT_THING && item(s, i)->kind == NKG_KIND_MALWARE) {
			s->name = item(s, i)->entity;
			s->incident = 1;
		}
		if ((cue_at(s, i, NKG_CUE_TARGET) || (cue_at(s, i, NKG_CUE_ASSAIL) && after_hackers(s, i))) &&
		    cyber && (j = target_at(s, i, i + 9, 1)))
			add_target_group(s, j);
		else if (cue_at(s, i, NKG_CUE_INCIDENT)) {
			/* "هجوم على X", "اختراق خوادم X" */
			size_t k;
			for (k = i + 1; k < s->n && k <= i + 3; k++)
				if (cue_at(s, k, NKG_CUE_TARGET_PREP))
					break;
			if (k < s->n && k <= i + 3 && (j = target_at(s, k, k + 12, 1)))
				add_target_group(s, j);
			else if ((j = target_at(s, i, i + 6, 0)))
				add_target_group(s, j);
		}
	}
}

void nkg_rules_targets(nkg_sentence_ctx *s)
{
	/* a hacker phrase merged into its actor counts too */
	int cyber = sentence_has(s, NKG_CUE_CYBER) || sentence_has(s, NKG_CUE_INCIDENT) ||
	            (s->actor_flags & NKG_ITF_HACKERS);

	s->n_targets = 0;
	s->incident = sentence_has(s, NKG_CUE_INCIDENT);
	s->name = NULL;
	if ((s->types & (1u << NKG_IT_THING)) || may_cue(s, TARGET_CUES))
		find_targets(s, cyber);
	if (s->n_targets)
		s->incident = 1;
	/* only an incident keeps a year (nkg_resolve_incident) */
	s->year = s->incident ? sentence_year(s) : 0;
}
