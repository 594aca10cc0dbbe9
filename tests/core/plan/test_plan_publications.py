"""Publishing records platform, link and time with the state change; corrections link the original."""

from __future__ import annotations

import pytest

from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.plan import calendar, publications


def test_publish_records_and_moves_state_in_one_transaction(team, approved):
    pub = publications.publish(team, approved, platform="Instagram", url="https://www.instagram.com/p/Cx1AbCdEf/",
                               at="2026-11-20 09.30", actor="Adi")
    assert (pub.platform, pub.published_at, pub.recorded_by) == ("instagram", "2026-11-20T02:30:00Z", "Adi")
    assert team.asset(approved).state == "published"
    actions = [e["action"] for e in team.log_entries(approved)]
    assert actions[-2:] == ["asset.publish", "publication.record"]
    assert "instagram.com/p/Cx1AbCdEf" in team.log_entries(approved)[-1]["comment"]
    assert team.verify_log().ok
    # The same asset on a second platform: a second record, still published.
    publications.publish(team, approved, platform="facebook", url="https://facebook.com/bpbdbangka/posts/1",
                         at="2026-11-20 09.40", actor="Adi")
    assert [p.platform for p in publications.list_publications(team, asset_id=approved)] == ["instagram", "facebook"]


def test_only_admin_platform_may_publish_and_nothing_is_left_behind(team, approved):
    with pytest.raises(RefusedError) as err:
        publications.publish(team, approved, platform="instagram", url="https://instagram.com/p/X1/",
                             at="2026-11-20 09.30", actor="Rina")
    assert err.value.rule == "role"
    assert publications.list_publications(team) == []
    assert team.asset(approved).state == "approved"


def test_publish_refuses_a_draft(team):
    a = team.import_asset([], kind="poster", title="Draf", actor="Rina")
    with pytest.raises(RefusedError) as err:
        publications.publish(team, a.id, platform="instagram", url="https://instagram.com/p/X2/",
                             at="2026-11-20 09.30", actor="Adi")
    assert err.value.rule == "state"
    assert publications.list_publications(team) == []


@pytest.mark.parametrize("kw, fragment", [
    ({"url": "instagram.com/p/1"}, "Tautan"),
    ({"platform": "myspace"}, "Platform"),
    ({"at": "kemarin"}, "Waktu publikasi"),
    ({"at": "2099-01-01 09.00"}, "masa depan"),
])
def test_publish_bad_input(team, approved, kw, fragment):
    args = dict(platform="instagram", url="https://instagram.com/p/OK/", at="2026-11-20 09.30", actor="Adi")
    args.update(kw)
    with pytest.raises(InputError, match=fragment):
        publications.publish(team, approved, **args)
    assert team.asset(approved).state == "approved"


def test_same_link_twice_is_refused_even_written_differently(team, approved):
    publications.publish(team, approved, platform="instagram", url="https://www.instagram.com/p/Cx1AbCdEf/",
                         at="2026-11-20 09.30", actor="Adi")
    with pytest.raises(InputError, match="sudah tercatat sebagai publikasi #1"):
        publications.publish(team, approved, platform="instagram", url="https://instagram.com/p/Cx1AbCdEf?igsh=xyz",
                             at="2026-11-20 09.30", actor="Adi")


def test_publish_fulfils_the_linked_plan_item(team):
    item = calendar.add_item(team, topic="Banjir", kind="poster", due_date="2026-11-19", actor="Dewi")
    asset = calendar.start_asset(team, item.id, "Rina")
    team.submit(asset.id, "Rina")
    team.review(asset.id, "approve", "Budi")
    team.review(asset.id, "approve", "Sari")
    with pytest.raises(InputError, match="belum memiliki jadwal"):
        calendar.schedule_asset(team, item.id, "Adi")
    calendar.update_item(team, item.id, "Dewi", slots={"x": "2026-11-20 08.00"})
    with pytest.raises(RefusedError) as err:
        calendar.schedule_asset(team, item.id, "Rina")
    assert err.value.rule == "role" and calendar.get_item(team, item.id).status == "produksi"
    scheduled = calendar.schedule_asset(team, item.id, "Adi")
    assert scheduled.status == "terjadwal" and team.asset(asset.id).state == "scheduled"
    assert "X 2026-11-20 08.00 WIB" in team.log_entries(asset.id, action="asset.schedule")[0]["comment"]
    pub = publications.publish(team, asset.id, platform="x", url="https://x.com/bpbd/status/1", at="2026-11-20 08.00",
                               actor="Adi")
    assert pub.plan_item_id == item.id
    assert calendar.get_item(team, item.id).status == "terbit"


def test_correction_links_the_original_post(team, approved):
    publications.publish(team, approved, platform="instagram", url="https://instagram.com/p/ORIG/",
                         at="2026-11-20 09.30", actor="Adi")
    ralat = publications.start_correction(team, approved, "Rina", {"body": "Lokasi posko pindah ke Kantor Camat."})
    assert ralat.kind == "correction" and ralat.template_id == "ralat" and ralat.state == "draft"
    assert ralat.corrects_asset_id == approved
    assert ralat.fields["corrects"]["links"] == ["https://instagram.com/p/ORIG/"]
    assert ralat.fields["corrects"]["published_at"] == "2026-11-20T02:30:00Z"
    assert ralat.title.startswith("Ralat: ")
    assert "correction.start" in [e["action"] for e in team.log_entries(ralat.id)]
    # It goes through the same review: a draft cannot be published.
    with pytest.raises(RefusedError):
        publications.publish(team, ralat.id, platform="instagram", url="https://instagram.com/p/RALAT/",
                             at="2026-11-21 09.30", actor="Adi")


def test_correction_of_unpublished_asset_is_refused(team, approved):
    with pytest.raises(RefusedError, match="belum terpublikasi"):
        publications.start_correction(team, approved, "Rina")


def test_url_key_ignores_www_query_and_slash():
    assert publications.url_key("https://www.instagram.com/p/AbC/?igsh=1") == publications.url_key("http://instagram.com/p/abc")
