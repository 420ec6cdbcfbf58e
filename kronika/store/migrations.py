"""Named schema migrations, applied in order and recorded in ``schema_migrations``.

Add a migration by appending to ``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_documents_sentences_entities",
        """
        CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            title VARCHAR,
            outlet VARCHAR,
            url VARCHAR,
            author VARCHAR,
            language VARCHAR NOT NULL,
            published_date DATE,
            published_earliest DATE,
            published_latest DATE,
            published_basis VARCHAR,
            text VARCHAR NOT NULL,
            source VARCHAR,
            word_count INTEGER NOT NULL,
            nlp_model VARCHAR,
            kronika_version VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        );
        CREATE TABLE sentences (
            document_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            PRIMARY KEY (document_id, idx)
        );
        CREATE TABLE entities (
            document_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            label VARCHAR NOT NULL,
            actor_id VARCHAR,
            place_id VARCHAR,
            extractor VARCHAR NOT NULL,
            extractor_version VARCHAR NOT NULL,
            confidence DOUBLE,
            PRIMARY KEY (document_id, idx)
        );
        CREATE INDEX entities_label ON entities (label);
        """,
    ),
    (
        "0002_actors_places_mentions",
        """
        CREATE TABLE actors (
            id VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            country VARCHAR,
            discovered BOOLEAN NOT NULL,
            record VARCHAR NOT NULL  -- the actor as JSON (export shape)
        );
        CREATE TABLE places (
            id VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            lat DOUBLE,
            lon DOUBLE,
            country VARCHAR,
            feature VARCHAR,
            precision VARCHAR,
            centroid_default BOOLEAN NOT NULL,
            record VARCHAR NOT NULL  -- the place as JSON
        );
        CREATE TABLE mentions (
            document_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            actor_id VARCHAR NOT NULL,
            how VARCHAR NOT NULL,
            confidence DOUBLE,
            PRIMARY KEY (document_id, idx)
        );
        CREATE INDEX mentions_actor ON mentions (actor_id);
        CREATE INDEX entities_place ON entities (place_id);
        """,
    ),
    (
        "0003_times",
        """
        CREATE TABLE times (
            document_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            interval_start DATE,
            interval_end DATE,
            granularity VARCHAR NOT NULL,
            anchor VARCHAR NOT NULL,
            extractor VARCHAR NOT NULL,
            PRIMARY KEY (document_id, idx)
        );
        CREATE INDEX times_interval ON times (interval_start, interval_end);
        """,
    ),
    (
        "0004_quotes_events_sources",
        """
        CREATE TABLE quotes (
            document_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            id VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            speaker_actor_id VARCHAR,
            speaker_name VARCHAR,
            cue VARCHAR,
            via VARCHAR,
            record VARCHAR NOT NULL,
            PRIMARY KEY (document_id, idx)
        );
        CREATE INDEX quotes_speaker ON quotes (speaker_actor_id);
        CREATE TABLE speakers (
            document_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            actor_id VARCHAR,
            name VARCHAR NOT NULL,
            affiliation VARCHAR,
            country VARCHAR,
            quotes INTEGER NOT NULL,
            words INTEGER NOT NULL,
            PRIMARY KEY (document_id, idx)
        );
        CREATE TABLE events (
            document_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            id VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            plover_mode VARCHAR,
            modality VARCHAR NOT NULL,
            actor1_id VARCHAR,
            actor1_name VARCHAR,
            actor2_id VARCHAR,
            actor2_name VARCHAR,
            place_id VARCHAR,
            date_start DATE,
            date_end DATE,
            date_basis VARCHAR,
            asserted_by VARCHAR,
            confidence DOUBLE NOT NULL,
            record VARCHAR NOT NULL,
            PRIMARY KEY (document_id, idx)
        );
        CREATE INDEX events_type ON events (type);
        CREATE INDEX events_actor1 ON events (actor1_id);
        CREATE INDEX events_date ON events (date_start, date_end);
        """,
    ),
    (
        "0005_framing",
        """
        CREATE TABLE framing (
            document_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            technique VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            target_actor_id VARCHAR,
            confidence DOUBLE NOT NULL,
            record VARCHAR NOT NULL,
            PRIMARY KEY (document_id, idx)
        );
        CREATE INDEX framing_technique ON framing (technique);
        CREATE TABLE document_framing (
            document_id VARCHAR PRIMARY KEY,
            tone DOUBLE,
            one_sided BOOLEAN,
            verdict VARCHAR,
            sourcing VARCHAR,
            tone_record VARCHAR
        );
        """,
    ),
    (
        "0006_chronicle",
        """
        CREATE TABLE chronicle_events (
            id VARCHAR PRIMARY KEY,
            type VARCHAR NOT NULL,
            plover_mode VARCHAR,
            actor1_id VARCHAR,
            actor1_name VARCHAR,
            actor2_id VARCHAR,
            actor2_name VARCHAR,
            place_id VARCHAR,
            place_name VARCHAR,
            date_start DATE,
            date_end DATE,
            date_basis VARCHAR,
            precision VARCHAR NOT NULL,
            sources INTEGER NOT NULL,
            documents INTEGER NOT NULL,
            reports INTEGER NOT NULL,
            conflicts INTEGER NOT NULL,
            record VARCHAR NOT NULL  -- the chronicle event as JSON, reports included
        );
        CREATE INDEX chronicle_events_date ON chronicle_events (date_start, date_end);
        CREATE INDEX chronicle_events_type ON chronicle_events (type);
        CREATE TABLE chronicle_reports (
            chronicle_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            document_id VARCHAR NOT NULL,
            event_id VARCHAR NOT NULL,
            outlet VARCHAR,
            source VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            modality VARCHAR NOT NULL,
            asserted_by VARCHAR,
            actor1_id VARCHAR,
            actor1_name VARCHAR,
            actor2_id VARCHAR,
            actor2_name VARCHAR,
            place_id VARCHAR,
            place_name VARCHAR,
            confidence DOUBLE NOT NULL,
            PRIMARY KEY (chronicle_id, idx)
        );
        CREATE INDEX chronicle_reports_event ON chronicle_reports (document_id, event_id);
        CREATE TABLE document_duplicates (
            document_a VARCHAR NOT NULL,
            document_b VARCHAR NOT NULL,
            jaccard DOUBLE NOT NULL,
            containment DOUBLE NOT NULL,
            kind VARCHAR NOT NULL,
            PRIMARY KEY (document_a, document_b)
        );
        """,
    ),
]
